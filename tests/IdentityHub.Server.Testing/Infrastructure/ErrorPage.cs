using System.Net;

namespace IdentityHub.Server.Tests.Infrastructure;

/// <summary>IdentityHub's error page for an authorization request it refuses without going back to the portal.</summary>
public static class ErrorPage
{
    public const string Heading = "This sign-in request cannot be completed";

    /// <summary>
    /// A 400 that stays on IdentityHub (no redirect, so neither a code nor an error reaches any
    /// redirect URI) and shows exactly this OAuth error code and description, decoded.
    /// </summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string error, string description)
    {
        var page = await HtmlPage.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && response.Headers.Location is null,
            $"Expected the error page, got {(int)response.StatusCode} {response.Headers.Location}: {page.Text}");
        Assert.Equal(Heading, page.TextAt("h1"));
        Assert.Equal(error, page.TextAt("#error-code"));
        Assert.Equal(description, page.TextAt("#error-message"));
    }
}
