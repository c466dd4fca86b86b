using System.Net;
using System.Security.Cryptography;
using IdentityHub.Core.Members;
using IdentityHub.Data.Members;
using IdentityHub.Server.Members.Registration;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Members;

/// <summary>A roster member a test inserts, with the details a person types to prove membership.</summary>
public sealed record TestMember(string MemberId, DateOnly BirthDate, string LastName, string Zip, string? GivenName, string? PatientId)
{
    public Dictionary<string, string> Proof() => new()
    {
        ["MemberId"] = MemberId,
        ["BirthMonth"] = BirthDate.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BirthDay"] = BirthDate.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["BirthYear"] = BirthDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LastName"] = LastName,
        ["ZipCode"] = Zip,
    };
}

/// <summary>The steps of a member's registration (A15) as a browser walks them, and the roster rows they need.</summary>
public static class RegistrationSteps
{
    /// <summary>The member portal of the tests: the public portal, with self-registration turned on.</summary>
    public const string MemberPortal = TestClients.PublicPortal;

    public const string AllowKey = "IdentityHub:Clients:1:AllowSelfRegistration";

    /// <summary>A browser on a network address of its own, so the per-address limit of one test is not another's.</summary>
    public static Browser NewMemberBrowser(this IdentityHubApp app) =>
        app.NewBrowserFrom($"10.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(1, 255)}");

    public static string NewMemberId() => "T" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999);

    /// <summary>Inserts a covered (or, with <paramref name="coverageEndedOn"/>, no longer covered) roster member.</summary>
    public static async Task<TestMember> SeedMemberAsync(this IdentityHubApp app, string? memberId = null, string lastName = "Rivera", string? givenName = "Maria",
        DateOnly? coverageEndedOn = null, string? email = null)
    {
        var member = new TestMember(memberId ?? NewMemberId(), new DateOnly(1950, 4, 12), lastName, "33101", givenName, "patient-" + Guid.NewGuid().ToString("N")[..8]);
        await app.QueryAsync(async db =>
        {
            db.RosterMembers.Add(new RosterMember
            {
                MemberId = member.MemberId,
                NormalizedMemberId = MemberFields.NormalizeMemberId(member.MemberId),
                DateOfBirth = member.BirthDate,
                GivenName = givenName,
                FamilyName = lastName,
                NormalizedFamilyName = MemberFields.NormalizeName(lastName),
                PostalCode = member.Zip,
                PatientId = member.PatientId,
                Email = email,
                CoverageEndsOn = coverageEndedOn,
                ImportedAt = app.Clock.GetUtcNow(),
            });
            return await db.SaveChangesAsync();
        });
        return member;
    }

    /// <summary>The member portal's authorization request, followed to the sign-in page: the return URL it carries.</summary>
    public static async Task<string> ReturnUrlAsync(this Browser browser, string clientId = MemberPortal) =>
        await browser.StartAtPortalAsync(new AuthorizationRequest { ClientId = clientId });

    /// <summary>The first registration page for the member portal's request.</summary>
    public static async Task<string> RegisterUrlAsync(this Browser browser) => RegistrationPaths.StartWith(await browser.ReturnUrlAsync());

    public static Task<HttpResponseMessage> ProveAsync(this Browser browser, string registerUrl, IDictionary<string, string> proof) =>
        browser.SubmitAsync(registerUrl, proof);

    /// <summary>The proof, then the sign-in chosen: returns the response of the sign-in page (a redirect to the email step).</summary>
    public static async Task<HttpResponseMessage> ProveAndChooseAsync(this Browser browser, TestMember member, string userName)
    {
        var proved = await browser.ProveAsync(await browser.RegisterUrlAsync(), member.Proof());
        Assert.True(Browser.IsRedirectTo(proved, RegistrationPaths.SignIn), Describe(proved) + " " + await proved.TextAsync());
        return await browser.ChooseSignInAsync(userName);
    }

    public static Task<HttpResponseMessage> ChooseSignInAsync(this Browser browser, string userName) =>
        browser.SubmitAsync(RegistrationPaths.SignIn, new Dictionary<string, string>
        {
            ["Username"] = userName,
            ["Password"] = TestUsers.Password,
            ["ConfirmPassword"] = TestUsers.Password,
            ["Email"] = EmailOf(userName),
            ["ConfirmEmail"] = EmailOf(userName),
        });

    public static async Task<HttpResponseMessage> EnterEmailCodeAsync(this Browser browser, string code)
    {
        var html = await browser.PageAsync(RegistrationPaths.Email);
        return await browser.PostPageFormAsync(html, RegistrationPaths.Email + "?handler=Verify", new Dictionary<string, string> { ["Code"] = code });
    }

    public static string ReturnUrlIn(HttpResponseMessage response) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), response.Headers.Location!).Query)["returnUrl"].ToString();

    public static bool IsOk(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.OK;
}
