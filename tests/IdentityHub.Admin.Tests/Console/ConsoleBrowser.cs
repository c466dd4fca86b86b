using System.Net;
using IdentityHub.Data.Users;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.WebUtilities;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>
/// A browser on both hosts: the token server at https://localhost (its own <see cref="Browser"/>, for the sign-in
/// pages) and the console at https://admin.test, each with its cookies, redirects between them followed by hand.
/// </summary>
public sealed class ConsoleBrowser
{
    private readonly AdminHosts _hosts;

    /// <summary>A browser on both hosts; <paramref name="language"/> is its Accept-Language (e.g. "es-US,es;q=0.9"), none by default (English pages).</summary>
    public ConsoleBrowser(AdminHosts hosts, string? language = null)
    {
        _hosts = hosts;
        Server = hosts.TokenServer.NewBrowser(language);
        Console = hosts.Admin.CreateDefaultClient(AdminHosts.ConsoleBase, new CookieContainerHandler(ConsoleCookies));
        if (language is not null)
        {
            Console.DefaultRequestHeaders.Add("Accept-Language", language);
        }
    }

    /// <summary>The token server's half: its sign-in pages and cookies.</summary>
    public Browser Server { get; }

    public HttpClient Console { get; }

    public CookieContainer ConsoleCookies { get; } = new();

    /// <summary>Signs in to the console as the user (password, then the emailed code) and returns the page the console lands on.</summary>
    public async Task<HttpResponseMessage> SignInAsync(IdentityHubUser user, string startAt = "/")
    {
        var response = await FollowAsync(await Console.GetAsync(startAt));
        return await SignInAtServerAsync(response, user);
    }

    /// <summary>At the token server's sign-in page (where <paramref name="atLogin"/> redirected): signs in and follows the way back.</summary>
    public async Task<HttpResponseMessage> SignInAtServerAsync(HttpResponseMessage atLogin, IdentityHubUser user)
    {
        Assert.True(IsAtServerLogin(atLogin), "Expected the token server's sign-in page: " + MfaSteps.Describe(atLogin));
        var returnUrl = QueryHelpers.ParseQuery(atLogin.Headers.Location!.Query)["ReturnUrl"].ToString();
        var signedIn = await Server.SignInAsync(user.UserName!, returnUrl: returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return await FollowAsync(signedIn, atServer: true);
    }

    /// <summary>A console page, redirects followed (stops at the token server's sign-in page).</summary>
    public async Task<HttpResponseMessage> GetAsync(string url) => await FollowAsync(await Console.GetAsync(url));

    /// <summary>GETs a console page and posts the form that has <paramref name="submitId"/> (its hidden fields and token included), without following the answer.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, string submitId, IDictionary<string, string>? fields = null)
    {
        var page = await GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {pageUrl}: {MfaSteps.Describe(page)} {HtmlPage.TextOf(html)}");
        return await PostFormOnAsync(html, pageUrl, submitId, fields);
    }

    /// <summary>
    /// Posts the form of an already loaded page that holds the button <paramref name="submitId"/>, as a browser
    /// does: its fields (several boxes of one name each sent), and the button's name and value when it has a name.
    /// </summary>
    public Task<HttpResponseMessage> PostFormOnAsync(string html, string pageUrl, string submitId, IDictionary<string, string>? fields = null)
    {
        var document = HtmlPage.Parse(html);
        var button = document.One("#" + submitId);
        var form = button.Closest("form") as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new Xunit.Sdk.XunitException($"The button {submitId} is in no form.");
        var values = FieldsOf(form);
        if (button.GetAttribute("name") is { Length: > 0 } buttonName)
        {
            values.Add(new(buttonName, button.GetAttribute("value") ?? ""));
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values.RemoveAll(pair => pair.Key == name);
            values.Add(new(name, value));
        }

        var action = form.GetAttribute("action") is { Length: > 0 } target ? target : pageUrl;
        return Console.PostAsync(action, new FormUrlEncodedContent(values));
    }

    /// <summary>What a browser sends for a form as it stands: every named field's value (checked boxes only), no buttons.</summary>
    private static List<KeyValuePair<string, string>> FieldsOf(AngleSharp.Html.Dom.IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var control in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = control.GetAttribute("name");
            switch (control)
            {
                case null:
                    continue;
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "submit" or "button" }:
                    continue;
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "radio" or "checkbox", IsChecked: false }:
                    continue;
                case AngleSharp.Html.Dom.IHtmlInputElement input when !string.IsNullOrEmpty(name):
                    values.Add(new(name, input.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select when !string.IsNullOrEmpty(name):
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area when !string.IsNullOrEmpty(name):
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        return values;
    }

    /// <summary>Follows redirects between the two hosts; stops at a page, or at the token server's sign-in page.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, bool atServer = false)
    {
        for (var hops = 0; hops < 12 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther; hops++)
        {
            var location = response.Headers.Location!;
            if (location.IsAbsoluteUri)
            {
                atServer = location.Host == "localhost";
            }

            if (atServer && IsAtServerLogin(response))
            {
                return response;
            }

            response = atServer ? await Server.Http.GetAsync(location) : await Console.GetAsync(location);
        }

        return response;
    }

    private static bool IsAtServerLogin(HttpResponseMessage response) =>
        response.Headers.Location is { } location &&
        (location.IsAbsoluteUri ? location.Host == "localhost" && location.AbsolutePath == "/account/login" : location.OriginalString.StartsWith("/account/login", StringComparison.OrdinalIgnoreCase));

    /// <summary>The address the last response came from, as the console's own path.</summary>
    public static string PathOf(HttpResponseMessage response) => response.RequestMessage!.RequestUri!.PathAndQuery;

    public AdminHosts Hosts => _hosts;
}
