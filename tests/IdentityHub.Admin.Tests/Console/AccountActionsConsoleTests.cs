using System.Net;
using IdentityHub.Administration.People;
using IdentityHub.Administration.Texts;
using IdentityHub.Core.Organizations;
using IdentityHub.Data.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Admin.Tests.Console;

/// <summary>
/// The account actions on the console's person page (D6, D8): unlock, reset the second factors, turn off,
/// change the name and office; only those the caller may take are offered, each shows its reference number.
/// </summary>
public sealed class AccountActionsConsoleTests(AdminHosts hosts) : IClassFixture<AdminHosts>
{
    [Fact]
    public async Task An_administrator_unlocks_a_person_locked_out_by_wrong_codes_and_sees_the_reference()
    {
        var organization = await hosts.OrganizationAsync("Maple Hollow Family Medicine");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var lockedUntil = hosts.TokenServer.Clock.GetUtcNow().AddMinutes(15);
        await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.MfaFailedAttempts, 5)
            .SetProperty(u => u.MfaLockedUntil, lockedUntil)));
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var before = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"));
        var unlocked = await browser.FollowAsync(await browser.SubmitAsync($"/People/{person.Id}", "unlock"));

        Assert.Equal("Locked out", before.TextAt("#account-state"));
        Assert.Equal(lockedUntil.UtcDateTime.ToString("MMMM d, yyyy h:mm tt 'UTC'", System.Globalization.CultureInfo.InvariantCulture), before.TextAt("#locked-until"));
        Assert.Contains("too many wrong passwords or wrong codes", before.TextAt("#action-unlock"), StringComparison.Ordinal);
        Assert.Equal($"/People/{person.Id}", ConsoleBrowser.PathOf(unlocked));
        var page = await HtmlPage.ReadAsync(unlocked);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.Contains("is unlocked", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Equal("Active", page.TextAt("#account-state"));
        Assert.False(page.Has("#locked-until"));
        var after = await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => new { u.MfaFailedAttempts, u.MfaLockedUntil }).SingleAsync());
        Assert.Equal(0, after.MfaFailedAttempts);
        Assert.True(after.MfaLockedUntil is null || after.MfaLockedUntil <= hosts.TokenServer.Clock.GetUtcNow());
    }

    [Fact]
    public async Task An_administrator_resets_another_persons_second_factors_after_confirming_and_the_person_is_emailed()
    {
        var organization = await hosts.OrganizationAsync("Riverbend Physical Therapy");
        var administrator = await hosts.PersonAsync(AdministrativeRole.BackupAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        Assert.True(await hosts.InDatabaseAsync(db => db.MfaMethods.CountAsync(m => m.UserId == person.Id)) > 0);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);

        var first = await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"));
        Assert.False(first.Has("#reset-mfa")); // the first step only asks
        Assert.Contains("They will set up a second factor again at their next sign-in", first.TextAt("#action-resetmfa"), StringComparison.Ordinal);
        var confirmUrl = first.One("#start-reset-mfa").GetAttribute("href")!.Split('#')[0];
        var reset = await browser.FollowAsync(await browser.SubmitAsync(confirmUrl, "reset-mfa"));

        var page = await HtmlPage.ReadAsync(reset);
        var reference = page.TextAt("#reference");
        Assert.Contains("second factors are removed", page.TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Equal(0, await hosts.InDatabaseAsync(db => db.MfaMethods.CountAsync(m => m.UserId == person.Id)));
        var email = hosts.TokenServer.Messages.LatestTo(person.Email!);
        Assert.Equal(Words.English<AdministrationMailText>("AdminMail.MfaReset.Subject"), email.Subject);
        Assert.Contains(reference, email.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_desk_is_offered_only_unlock_and_a_password_reset_and_a_forged_turn_off_is_refused()
    {
        var organization = await hosts.OrganizationAsync("Summit View Eye Care");
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var helpDesk = await hosts.PersonAsync(AdministrativeRole.HelpDesk, organizationId: null);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(helpDesk);

        var html = await (await browser.GetAsync($"/People/{person.Id}")).Content.ReadAsStringAsync();
        var page = HtmlPage.Parse(html);
        Assert.Equal(["unlock", "password-reset"], page.All("#account-actions button[type=submit]").Select(button => button.Id!));
        foreach (var absent in new[] { "#disable", "#enable", "#end-sessions", "#start-reset-mfa", "#reset-mfa", "#change-details", "#change-role" })
        {
            Assert.False(page.Has(absent), absent);
        }

        var forged = await browser.Console.PostAsync($"/People/{person.Id}?handler=Disable", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [HtmlPage.AntiforgeryField] = page.AntiforgeryToken,
            ["Version"] = page.All("input[name=Version]")[0].GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.StartsWith("Not allowed: The help desk unlocks accounts and starts password resets", (await HtmlPage.ReadAsync(forged)).TextAt("#refused"), StringComparison.Ordinal);

        var reset = await browser.FollowAsync(await browser.PostFormOnAsync(html, $"/People/{person.Id}", "password-reset"));
        Assert.Contains($"We emailed {person.GivenName}", (await HtmlPage.ReadAsync(reset)).TextAt("#outcome"), StringComparison.Ordinal);
        Assert.Equal(Words.English<AdministrationMailText>("AdminMail.PasswordLink.Subject"), hosts.TokenServer.Messages.LatestTo(person.Email!).Subject);
        Assert.Null(await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.DisabledByAdministratorAt).SingleAsync()));
    }

    [Fact]
    public async Task Turning_off_after_the_fresh_sign_in_window_asks_to_sign_in_again_then_turns_off_and_offers_turn_on()
    {
        var organization = await hosts.OrganizationAsync("Harbor Point Pharmacy");
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var open = await (await browser.GetAsync($"/People/{person.Id}")).Content.ReadAsStringAsync();

        hosts.TokenServer.Clock.Advance(TimeSpan.FromMinutes(11));
        var refused = await browser.PostFormOnAsync(open, $"/People/{person.Id}", "disable");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(("localhost", "/connect/authorize"), (refused.Headers.Location!.Host, refused.Headers.Location.AbsolutePath));
        // The console asks for a fresh sign-in (prompt=login, pushed with PAR): the signed-in server shows its sign-in page.
        var atLogin = await browser.FollowAsync(refused);
        Assert.Equal("/account/login", atLogin.Headers.Location!.IsAbsoluteUri ? atLogin.Headers.Location.AbsolutePath : atLogin.Headers.Location.OriginalString.Split('?')[0]);
        Assert.Null(await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.DisabledByAdministratorAt).SingleAsync()));

        var back = await browser.SignInAtServerAsync(atLogin, administrator);
        Assert.Equal($"/People/{person.Id}", ConsoleBrowser.PathOf(back));
        var disabled = await browser.FollowAsync(await browser.PostFormOnAsync(await back.Content.ReadAsStringAsync(), $"/People/{person.Id}", "disable"));

        var page = await HtmlPage.ReadAsync(disabled);
        Assert.StartsWith("Turned off by an administrator since ", page.TextAt("#account-state"), StringComparison.Ordinal);
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.True(page.Has("#enable"));
        Assert.False(page.Has("#disable"));
        Assert.NotNull(await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.DisabledByAdministratorAt).SingleAsync()));
    }

    [Fact]
    public async Task Changing_the_name_and_office_with_a_mistake_links_the_summary_to_the_field_then_saves()
    {
        var organization = await hosts.OrganizationAsync("Oak Meadow Behavioral Health");
        var office = new OrganizationLocation
        {
            OrganizationId = organization.Id,
            Name = "Downtown office",
            Address = new PostalAddress { Line1 = "20 State Street", City = "Albany", State = "NY", PostalCode = "12207" },
        };
        await hosts.InDatabaseAsync(db =>
        {
            db.OrganizationLocations.Add(office);
            return db.SaveChangesAsync();
        });
        var administrator = await hosts.PersonAsync(AdministrativeRole.PrimaryAdministrator, organization.Id);
        var person = await hosts.PersonAsync(AdministrativeRole.GeneralUser, organization.Id);
        var browser = new ConsoleBrowser(hosts);
        await browser.SignInAsync(administrator);
        var detailsUrl = (await HtmlPage.ReadAsync(await browser.GetAsync($"/People/{person.Id}"))).One("#change-details").GetAttribute("href")!;

        var wrong = await browser.SubmitAsync(detailsUrl, "save-details", new Dictionary<string, string> { ["Input.GivenName"] = " ", ["Input.LocationId"] = office.Id });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var form = await HtmlPage.ReadAsync(wrong);
        Assert.Equal(("#Input_GivenName", "Enter the person's first name."), (form.One("#error-summary a").GetAttribute("href"), form.TextAt("#error-summary a")));
        Assert.True(form.Has("#Input_GivenName"));
        Assert.Equal("Enter the person's first name.", form.TextAt("#given-name-error"));
        Assert.Equal(office.Id, form.ValueOf("Input.LocationId")); // what was chosen stays chosen

        var saved = await browser.FollowAsync(await browser.PostFormOnAsync(await wrong.Content.ReadAsStringAsync(), detailsUrl, "save-details",
            new Dictionary<string, string> { ["Input.GivenName"] = "Rosalind", ["Input.FamilyName"] = "Okafor" }));

        Assert.Equal($"/People/{person.Id}", ConsoleBrowser.PathOf(saved));
        var page = await HtmlPage.ReadAsync(saved);
        Assert.Equal("Rosalind Okafor", page.TextAt("h1"));
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", page.TextAt("#reference"));
        Assert.Equal(office.Id, await hosts.InDatabaseAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.LocationId).SingleAsync()));
    }
}
