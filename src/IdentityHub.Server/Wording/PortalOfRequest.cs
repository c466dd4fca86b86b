using IdentityHub.Hosting;
using IdentityHub.Hosting.Wording;
using IdentityHub.Server.Mfa;

namespace IdentityHub.Server.Wording;

/// <summary>
/// The portal a page is shown for, so its wording and look apply: the portal of the page's return URL or
/// <c>client_id</c>, else the portal whose authorization request started this browser's sign-in (noted by
/// <see cref="Note"/> for the whole flow: sign-in, codes, enrollment, a forgotten password).
/// </summary>
public sealed class PortalOfRequest(IHttpContextAccessor accessor) : ICurrentPortal
{
    private const string Cookie = "ih.portal";
    private static readonly object Key = new();

    public string? ClientId => accessor.HttpContext is { } http ? Find(http) : null;

    public async ValueTask<string?> HelpDeskPhoneAsync() => accessor.HttpContext is { } http
        ? (await http.RequestServices.GetRequiredService<ClientPolicies>().ForAsync(Find(http), http.RequestAborted)).HelpDeskPhone
        : null;

    /// <summary>Notes the portal and the <c>ui_locales</c> of an authorization request for the pages that follow.</summary>
    public static void Note(HttpContext http, string? clientId, string? uiLocales)
    {
        LanguageCookies.NoteRequested(http, uiLocales);
        var name = HardenedCookies.Name(http, Cookie, "/");
        if (Usable(clientId) is { } portal && http.Request.Cookies[name] != portal)
        {
            http.Response.Cookies.Append(name, portal, HardenedCookies.Options(http, "/", SameSiteMode.Lax));
        }
    }

    private static string? Find(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var found))
        {
            return (string?)found;
        }

        var query = http.Request.Query;
        var portal = Usable(ClientPolicies.ClientIdFrom(query["ReturnUrl"].ToString()))
            ?? Usable(query["client_id"].ToString())
            ?? Usable(http.Request.Cookies[HardenedCookies.Name(http, Cookie, "/")]);
        http.Items[Key] = portal;
        return portal;
    }

    private static string? Usable(string? clientId) =>
        clientId is { Length: > 0 and <= 100 } && clientId.All(c => c > ' ' && c < 127) ? clientId : null;
}
