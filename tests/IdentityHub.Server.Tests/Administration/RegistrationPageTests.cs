using System.Net;
using IdentityHub.Data.Organizations;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static IdentityHub.Server.Tests.Infrastructure.MfaSteps;

namespace IdentityHub.Server.Tests.Administration;

/// <summary>
/// The public registration request (D2): the practice and its two administrators, each mistake named by its
/// field, a confirmation with the reference, and the defences against automated requests.
/// </summary>
public sealed class RegistrationPageTests(SignUpApp fixture) : IClassFixture<SignUpApp>
{
    private const string Page = "/organizations/register";

    private static int s_taxIds = Random.Shared.Next(100_000_000, 900_000_000);

    private readonly IdentityHubApp app = fixture.App;

    [Fact]
    public async Task The_sign_in_page_links_to_it_and_a_valid_request_is_received_with_its_reference()
    {
        var signIn = HtmlPage.Parse(await app.NewBrowser().PageAsync("/account/login"));
        Assert.Equal(Page, signIn.Link("Register your practice or agency").GetAttribute("href"));
        var (form, primary, taxId) = ValidForm();

        var response = await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("We received your request", HtmlPage.Parse(html).TextAt("h1"));
        var reference = ReferenceOn(html);
        var request = await app.QueryAsync(db => db.RegistrationRequests.SingleAsync(r => r.TaxId == taxId));
        Assert.Equal(("Harbor Pediatrics", RegistrationStatus.Pending, primary), (request.OrganizationName, request.Status, request.Primary.Email));
        Assert.Equal(reference, app.Messages.LatestTo(primary).Reference);
        Assert.Contains($"Reference number: {reference}", app.Messages.LatestTo(primary).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_mistake_is_named_at_its_field_and_in_the_summary_and_nothing_is_saved()
    {
        var (form, _, _) = ValidForm();
        form["Input.TaxId"] = "12-3456789";
        form["Input.TaxIdConfirmation"] = "12-3456789";
        form["Input.City"] = "";
        form["Input.PrimaryPhone"] = "12";
        form["Input.SecondaryEmail"] = "not-an-email";

        var response = await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal("Enter the Tax ID as 9 digits only, without dashes or spaces.", page.TextAt("#tax-id-error"));
        Assert.Equal("Enter the city.", page.TextAt("#city-error"));
        Assert.Equal("Enter a valid US phone number, for example (212) 555-0100.", page.TextAt("#primary-phone-error"));
        Assert.Equal("Enter an email address like name@example.com.", page.TextAt("#secondary-email-error"));
        Assert.Equal("There are 4 problems to fix", page.TextAt("#error-summary h2"));
        Assert.Equal(["#Input_TaxId", "#Input_City", "#Input_PrimaryPhone", "#Input_SecondaryEmail"], page.All("#error-summary a").Select(a => a.GetAttribute("href")));
        Assert.All(page.All("#error-summary a"), link => Assert.True(page.Has(link.GetAttribute("href")!), link.GetAttribute("href")));
        Assert.Equal("Harbor Pediatrics", page.One("#Input_Name").GetAttribute("value"));
        Assert.Equal("section-primary email", page.One("#Input_PrimaryEmail").GetAttribute("autocomplete"));
        Assert.False(await app.QueryAsync(db => db.RegistrationRequests.AnyAsync(r => r.Primary.Email == form["Input.PrimaryEmail"])));
    }

    [Fact]
    public async Task In_Spanish_each_mistake_is_named_in_Spanish_and_the_receipt_goes_out_in_Spanish()
    {
        var browser = app.NewBrowserFrom(NewAddress());
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", "es-US,es;q=0.9");
        var (form, primary, _) = ValidForm();
        form["Input.TaxId"] = "12-3456789";
        form["Input.TaxIdConfirmation"] = "12-3456789";
        form["Input.City"] = "";
        form["Input.Line1"] = new string('x', 201);
        form["Input.PrimaryPhone"] = "12";
        form["Input.SecondaryEmail"] = "not-an-email";

        var page = await HtmlPage.ReadAsync(await browser.SubmitAsync(Page, form));

        Assert.Equal("es", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Registre su consultorio o agencia", page.TextAt("h1"));
        Assert.Equal("Escriba el número de identificación fiscal solo con 9 dígitos, sin guiones ni espacios.", page.TextAt("#tax-id-error"));
        Assert.Equal("Escriba la ciudad.", page.TextAt("#city-error"));
        Assert.Equal("El dato \"dirección\" puede tener como máximo 200 caracteres.", page.TextAt("#line1-error"));
        Assert.Equal("Escriba un número de teléfono válido de EE. UU., por ejemplo (212) 555-0100.", page.TextAt("#primary-phone-error"));
        Assert.Equal("Escriba un correo electrónico como nombre@ejemplo.com.", page.TextAt("#secondary-email-error"));
        Assert.Equal("Nombre del consultorio o agencia", page.LabelOf(page.One("#Input_Name")));

        form["Input.TaxId"] = form["Input.TaxIdConfirmation"] = Interlocked.Increment(ref s_taxIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        form["Input.City"] = "Buffalo";
        form["Input.Line1"] = "5 Harbor Way";
        form["Input.PrimaryPhone"] = "716-555-0101";
        form["Input.SecondaryEmail"] = "ben." + primary;
        var received = await browser.SubmitAsync(Page, form);

        var html = await received.Content.ReadAsStringAsync();
        Assert.Equal("Recibimos su solicitud", HtmlPage.Parse(html).TextAt("h1"));
        var reference = ReferenceOn(html);
        var receipt = app.Messages.LatestTo(primary);
        Assert.Equal("Recibimos su solicitud de registro", receipt.Subject);
        Assert.StartsWith("Hola, Ana:", receipt.Body, StringComparison.Ordinal);
        Assert.Contains($"Número de referencia: {reference}", receipt.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_honeypot_gets_the_same_answer_and_nothing_is_saved_or_sent()
    {
        var page = HtmlPage.Parse(await app.NewBrowser().PageAsync(Page));
        var honeypot = page.One("#Website");
        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.Contains("visually-hidden", honeypot.ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.StartsWith("Leave this field empty.", page.LabelOf(honeypot), StringComparison.Ordinal);
        var (form, primary, taxId) = ValidForm();
        form["Website"] = "http://cheap-pills.example";

        var response = await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("We received your request", HtmlPage.Parse(html).TextAt("h1"));
        ReferenceOn(html);
        Assert.False(await app.QueryAsync(db => db.RegistrationRequests.AnyAsync(r => r.TaxId == taxId)));
        Assert.Empty(app.Messages.To(primary));
    }

    [Fact]
    public async Task A_network_address_sends_at_most_10_requests_an_hour()
    {
        var browser = app.NewBrowserFrom(NewAddress());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync(Page, ValidForm().Form)).StatusCode);
        }

        var refused = await browser.SubmitAsync(Page, ValidForm().Form);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, ValidForm().Form)).StatusCode);
    }

    [Fact]
    public async Task An_email_address_is_named_in_at_most_5_requests_an_hour()
    {
        var (first, primary, _) = ValidForm();
        Assert.Equal(HttpStatusCode.OK, (await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, first)).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            var (form, _, _) = ValidForm();
            form["Input.SecondaryEmail"] = primary.ToUpperInvariant();
            Assert.Equal(HttpStatusCode.OK, (await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, form)).StatusCode);
        }

        var (sixth, _, _) = ValidForm();
        sixth["Input.PrimaryEmail"] = primary;
        var refused = await app.NewBrowserFrom(NewAddress()).SubmitAsync(Page, sixth);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(5, app.Messages.All.Count(m => string.Equals(m.To, primary, StringComparison.OrdinalIgnoreCase)));
    }

    private static string NewAddress() => $"198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private static (Dictionary<string, string> Form, string PrimaryEmail, string TaxId) ValidForm()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var taxId = Interlocked.Increment(ref s_taxIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var primary = $"ana.{tag}@harbor.example";
        return (new Dictionary<string, string>
        {
            ["Input.Name"] = "Harbor Pediatrics",
            ["Input.TaxId"] = taxId,
            ["Input.TaxIdConfirmation"] = taxId,
            ["Input.Line1"] = "5 Harbor Way",
            ["Input.Line2"] = "",
            ["Input.City"] = "Buffalo",
            ["Input.State"] = "NY",
            ["Input.PostalCode"] = "14202",
            ["Input.Phone"] = "(716) 555-0100",
            ["Input.Fax"] = "",
            ["Input.PrimaryGivenName"] = "Ana",
            ["Input.PrimaryFamilyName"] = "Lopez",
            ["Input.PrimaryEmail"] = primary,
            ["Input.PrimaryPhone"] = "716-555-0101",
            ["Input.SecondaryGivenName"] = "Ben",
            ["Input.SecondaryFamilyName"] = "Okafor",
            ["Input.SecondaryEmail"] = $"ben.{tag}@harbor.example",
            ["Input.SecondaryPhone"] = "716-555-0102",
            ["Website"] = "",
        }, primary, taxId);
    }
}
