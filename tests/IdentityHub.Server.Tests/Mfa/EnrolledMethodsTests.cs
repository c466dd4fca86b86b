using IdentityHub.Core.Mfa;
using IdentityHub.Data;
using IdentityHub.Data.Mfa;
using IdentityHub.Server.Mfa;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Mfa;

/// <summary>A request reads a user's methods once; what it adds or removes afterwards still shows.</summary>
public sealed class EnrolledMethodsTests : IClassFixture<IdentityHubApp>
{
    private readonly IdentityHubApp _app;

    public EnrolledMethodsTests(IdentityHubApp app) => _app = app;

    [Fact]
    public async Task Methods_added_or_removed_after_the_first_read_of_a_request_are_seen_by_the_next()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("methods"));
        using var scope = _app.Services.CreateScope();
        var methods = scope.ServiceProvider.GetRequiredService<EnrolledMethods>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();

        var email = Assert.Single(await methods.ListAsync(user.Id));
        Assert.Equal(MfaMethodKind.Email, email.Kind);

        // Added straight through the context, as the authenticator-app enrollment does.
        db.MfaMethods.Add(new MfaMethod { UserId = user.Id, Kind = MfaMethodKind.Sms, Destination = "+16505552652", CreatedAt = _app.Clock.GetUtcNow() });
        await db.SaveChangesAsync();
        var phone = await methods.AddAsync(user.Id, MfaMethodKind.Voice, "+16505552652");
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms, MfaMethodKind.Voice], (await methods.ListAsync(user.Id)).Select(m => m.Kind).Order());

        Assert.True(await methods.RemoveAsync(user.Id, phone.Id));
        Assert.Equal([MfaMethodKind.Email, MfaMethodKind.Sms], (await methods.ListAsync(user.Id)).Select(m => m.Kind).Order());

        // The method used last comes first.
        email.LastUsedAt = _app.Clock.GetUtcNow();
        await db.SaveChangesAsync();
        Assert.Equal(MfaMethodKind.Email, (await methods.ListAsync(user.Id))[0].Kind);
    }

    [Fact]
    public async Task A_cleared_context_reads_the_methods_again()
    {
        var user = await _app.CreateUserAsync(MfaSteps.NewName("cleared"));
        using var scope = _app.Services.CreateScope();
        var methods = scope.ServiceProvider.GetRequiredService<EnrolledMethods>();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();

        Assert.Single(await methods.ListAsync(user.Id));
        db.ChangeTracker.Clear();

        Assert.Equal(MfaMethodKind.Email, Assert.Single(await methods.ListAsync(user.Id)).Kind);
    }
}
