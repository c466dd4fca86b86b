using System.Globalization;
using IdentityHub.Core.Accounts;
using IdentityHub.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdentityHub.Server.Passwords.Breaches;

/// <summary>
/// Asks a Pwned Passwords-compatible range API whether a password appeared in a breach (A2). Only the first
/// five hex digits of the password's SHA-1 leave the server; the answer is searched here for the rest.
/// Expected failures (timeouts, refused connections, error statuses, oversized answers) come back as
/// <see cref="BreachVerdict.Unavailable"/>, never as exceptions.
/// </summary>
public sealed class BreachedPasswordClient(HttpClient http, IOptionsMonitor<IdentityHubOptions> options)
{
    public const string HttpClientName = "IdentityHub.BreachCheck";

    /// <summary>The header that asks the service to pad its answer, so its size does not hint at the prefix.</summary>
    public const string PaddingHeader = "Add-Padding";

    /// <summary>Range answers are tens of kilobytes; anything far bigger is not one.</summary>
    public const long MaxResponseBytes = 1024 * 1024;

    public async Task<BreachLookup> LookUpAsync(string password, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue.Passwords.BreachCheck;
        var (prefix, suffix) = BreachRange.Split(password);
        using var request = new HttpRequestMessage(HttpMethod.Get, RangeAddress(settings.BaseUrl!, prefix));
        request.Headers.Add(PaddingHeader, "true");

        // The deadline covers the retry too: it bounds how long the page waits.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                return BreachLookup.Unavailable(string.Create(CultureInfo.InvariantCulture, $"the service answered {(int)response.StatusCode}"));
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            return BreachRange.CountOf(body, suffix) >= settings.MinimumCount ? BreachLookup.Breached : BreachLookup.NotFound;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return BreachLookup.Unavailable($"no answer within {settings.Timeout}");
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may carry the address, and with it the prefix: name the kind only.
            return BreachLookup.Unavailable(exception.HttpRequestError == HttpRequestError.Unknown
                ? "the request failed"
                : $"the request failed ({exception.HttpRequestError})");
        }
    }

    /// <summary><c>{BaseUrl}/range/{prefix}</c>, keeping any path the base address has.</summary>
    public static Uri RangeAddress(Uri baseUrl, string prefix) =>
        new(baseUrl.AbsoluteUri.TrimEnd('/') + "/range/" + prefix, UriKind.Absolute);
}
