using IdentityHub.Data;
using IdentityHub.Server.Terms;
using Microsoft.EntityFrameworkCore;

namespace IdentityHub.Server.Seeding;

/// <summary>Publishes the default terms on a database that has none; later versions are published with the <c>publish-terms</c> command.</summary>
public sealed class TermsSeeder(IdentityHubDbContext db, TermsService terms)
{
    public const string DefaultVersion = "2026-11";

    public async Task SeedAsync()
    {
        if (await db.TermsVersions.AnyAsync())
        {
            return;
        }

        await using var stream = typeof(TermsSeeder).Assembly.GetManifestResourceStream("IdentityHub.Server.DefaultTerms")
            ?? throw new InvalidOperationException("The default terms are not embedded.");
        using var reader = new StreamReader(stream);
        await terms.PublishAsync(DefaultVersion, "Terms of use", await reader.ReadToEndAsync());
    }
}
