using System.Net;
using System.Net.Http.Json;
using IdentityHub.Core.Organizations;
using IdentityHub.Server.Tests.Infrastructure;

namespace IdentityHub.Admin.Tests.Api;

/// <summary>
/// The security profile and access review endpoints (D4, D7) over HTTP with real tokens: who may define, grant,
/// give and confirm; another organization's people are 404; bad bodies are problems naming the field.
/// </summary>
public sealed class GovernanceApiTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task A_platform_administrator_defines_and_grants_profiles_and_an_organization_administrator_sees_only_what_it_holds()
    {
        var organization = await hosts.OrganizationAsync("Birch Family Practice");
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var (administrator, _) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);

        var created = await platform.PostAsJsonAsync("/api/v1/profiles", new { clientId = TestClients.Portal, role = "claims-" + organization.Id[^6..], displayName = "Claims" });
        var profile = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("value");
        var profileId = profile.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/profiles/{profileId}", created.Headers.Location?.ToString());
        Assert.False(string.IsNullOrEmpty(created.ETag()));
        await (await platform.PostAsJsonAsync("/api/v1/profiles", new { clientId = TestClients.Portal, role = "other-" + organization.Id[^6..], displayName = "Other" })).JsonAsync(HttpStatusCode.Created);

        await (await administrator.PostAsJsonAsync("/api/v1/profiles", new { clientId = TestClients.Portal, role = "mine", displayName = "Mine" })).ProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await (await platform.PostAsJsonAsync("/api/v1/profiles", new { clientId = TestClients.Portal, role = "Not A Role", displayName = "x" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(invalid.ErrorsFor("role"));
        await (await platform.SendAsync(HttpMethod.Put, $"/api/v1/profiles/{profileId}", new { role = "claims", displayName = "Claims" }, null)).ProblemAsync(HttpStatusCode.PreconditionRequired);

        await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}/profiles/{profileId}", null, null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await platform.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{organization.Id}/profiles/{profileId}", null, null)).JsonAsync(HttpStatusCode.OK);

        var held = await (await administrator.GetAsync($"/api/v1/organizations/{organization.Id}/profiles")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([profileId], held.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var visible = await (await administrator.GetAsync("/api/v1/profiles")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([profileId], visible.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task An_organization_administrator_gives_profiles_lists_reviews_and_confirms_only_their_own_people()
    {
        var mine = await hosts.OrganizationAsync("Cedar Clinic");
        var theirs = await hosts.OrganizationAsync("Maple Clinic");
        var (platform, _) = await hosts.SignedInAsync(AdministrativeRole.PlatformAdministrator, null);
        var (administrator, self) = await hosts.SignedInAsync(AdministrativeRole.PrimaryAdministrator, mine.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, mine.Id);
        var stranger = await hosts.PersonAsync(AdministrativeRole.GeneralUser, theirs.Id);
        var profileId = (await (await platform.PostAsJsonAsync("/api/v1/profiles", new { clientId = TestClients.Portal, role = "eligibility-" + mine.Id[^6..], displayName = "Eligibility" }))
            .JsonAsync(HttpStatusCode.Created)).GetProperty("value").GetProperty("id").GetString()!;
        await (await platform.SendAsync(HttpMethod.Put, $"/api/v1/organizations/{mine.Id}/profiles/{profileId}", null, null)).JsonAsync(HttpStatusCode.OK);

        await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{person.Id}/access/profiles", new { profileIds = new[] { profileId } }, null)).ProblemAsync(HttpStatusCode.PreconditionRequired);
        var version = (await administrator.GetAsync($"/api/v1/people/{person.Id}/access")).ETag();
        var givenResponse = await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{person.Id}/access/profiles", new { profileIds = new[] { profileId } }, version);
        var given = await givenResponse.JsonAsync(HttpStatusCode.OK);
        await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{person.Id}/access/profiles", new { profileIds = Array.Empty<string>() }, version)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(profileId, given.GetProperty("value").GetProperty("held")[0].GetProperty("id").GetString());
        Assert.Equal("Current", given.GetProperty("value").GetProperty("review").GetProperty("status").GetString());
        await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{stranger.Id}/access/profiles", new { profileIds = new[] { profileId } }, version)).ProblemAsync(HttpStatusCode.NotFound);
        await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{self.Id}/access/profiles", new { profileIds = new[] { profileId } }, version)).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.NotEmpty((await (await administrator.SendAsync(HttpMethod.Put, $"/api/v1/people/{person.Id}/access/profiles", new { }, givenResponse.ETag())).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("profileIds"));

        var reviews = await (await administrator.GetAsync($"/api/v1/access-reviews?organizationId={theirs.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([person.Id], reviews.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("userId").GetString()));
        await (await administrator.GetAsync("/api/v1/access-reviews?status=Sometimes")).ProblemAsync(HttpStatusCode.BadRequest);

        var confirmed = await (await administrator.PostAsJsonAsync("/api/v1/access-reviews/confirm", new { userIds = new[] { person.Id, stranger.Id } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([person.Id], confirmed.GetProperty("done").EnumerateArray().Select(id => id.GetString()));
        Assert.True(confirmed.GetProperty("refused").TryGetProperty(stranger.Id, out _));
        Assert.NotEmpty((await (await administrator.PostAsJsonAsync("/api/v1/access-reviews/confirm", new { userIds = Array.Empty<string>() })).ProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("userIds"));

        var removed = await (await administrator.PostAsJsonAsync("/api/v1/access-reviews/remove", new { userIds = new[] { person.Id } })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal([person.Id], removed.GetProperty("done").EnumerateArray().Select(id => id.GetString()));
        var access = await (await administrator.GetAsync($"/api/v1/people/{person.Id}/access")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, access.GetProperty("held").GetArrayLength());
    }
}
