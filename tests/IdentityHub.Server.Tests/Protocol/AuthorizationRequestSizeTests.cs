using System.Net;
using IdentityHub.Server.Connect;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Server.Tests.Protocol;

/// <summary>
/// An authorization request's parameters are capped (4 KB), so a huge POST never becomes a huge
/// Location header or return URL: it gets 400 invalid_request before anything reads it.
/// </summary>
public sealed class AuthorizationRequestSizeTests(IdentityHubApp app) : IClassFixture<IdentityHubApp>
{
    [Fact]
    public async Task A_one_megabyte_post_is_refused_without_a_redirect()
    {
        var form = Parameters(new AuthorizationRequest());
        form["state"] = new string('a', 1024 * 1024);

        var response = await app.NewBrowser().PostFormAsync("/connect/authorize", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var json = await response.JsonAsync();
        Assert.Equal("invalid_request", json.GetProperty("error").GetString());
        Assert.Contains(AuthorizationRequestLimit.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), json.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task An_oversized_query_string_is_refused_too()
    {
        var request = new AuthorizationRequest { State = new string('b', AuthorizationRequestLimit.MaxLength) };

        var response = await app.NewBrowser().AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("invalid_request", (await response.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_posted_request_of_ordinary_size_goes_to_the_sign_in_page_with_a_short_return_url()
    {
        var form = Parameters(new AuthorizationRequest());
        form["state"] = new string('c', 2000);

        var response = await app.NewBrowser().PostFormAsync("/connect/authorize", form);

        Assert.True(Browser.IsRedirectTo(response, "/account/login"), $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.True(response.Headers.Location!.OriginalString.Length < 8192, $"Location is {response.Headers.Location.OriginalString.Length} characters");
    }

    private static Dictionary<string, string> Parameters(AuthorizationRequest request) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), request.Url()).Query)
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
}
