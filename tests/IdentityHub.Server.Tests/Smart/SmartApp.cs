using IdentityHub.Data;
using IdentityHub.Data.Members;
using IdentityHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityHub.Server.Tests.Smart;

/// <summary>A token server with SMART on (a FHIR API at <see cref="FhirBaseUrl"/>) and a third-party member app of 90-day refresh.</summary>
public sealed class SmartApp : IAsyncLifetime
{
    public const string FhirBaseUrl = "https://fhir.plan.test/r4";
    public const string MemberApp = "health-diary";
    public const string PlanPortal = "plan-member-portal";
    public const string AppScopes = "openid fhirUser launch/patient offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs";

    public IdentityHubApp App { get; } = Configure(new IdentityHubApp());

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => App.DisposeAsync().AsTask();

    /// <summary>A launch request as a SMART app sends it: PKCE, aud, the app's scopes.</summary>
    public static AuthorizationRequest Launch(string scope = AppScopes, string aud = FhirBaseUrl) => new()
    {
        ClientId = MemberApp,
        Scope = scope,
        Extra = new Dictionary<string, string> { ["aud"] = aud },
    };

    /// <summary>Links the account to a plan member whose FHIR Patient id is <paramref name="patientId"/>.</summary>
    public async Task LinkAsync(string userId, string memberId, string? patientId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>();
        db.MemberAccounts.Add(new MemberAccount { MemberId = memberId, UserId = userId, PatientId = patientId, LinkedAt = App.Clock.GetUtcNow(), ProvedBy = "Imported" });
        await db.SaveChangesAsync();
    }

    /// <summary>The audit events of one kind about <paramref name="userId"/>.</summary>
    public async Task<List<Data.Audit.AuditEvent>> EventsAsync(string userId, string kind)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdentityHubDbContext>().AuditEvents.AsNoTracking()
            .Where(entry => entry.UserId == userId && entry.Event == kind).ToListAsync();
    }

    private static IdentityHubApp Configure(IdentityHubApp app)
    {
        app.With("IdentityHub:Smart:FhirBaseUrl", FhirBaseUrl);
        const string prefix = "IdentityHub:Clients:4:";
        app.With(prefix + "ClientId", MemberApp)
            .With(prefix + "DisplayName", "Health Diary")
            .With(prefix + "Publisher", "Example Health Apps, Inc.")
            .With(prefix + "ThirdParty", "true")
            .With(prefix + "RedirectUris:0", TestClients.RedirectUri)
            .With(prefix + "RefreshTokenLifetime", "90.00:00:00")
            .With(prefix + "RefreshTokenAbsoluteLifetime", "365.00:00:00");
        app.With("IdentityHub:Clients:5:ClientId", PlanPortal)
            .With("IdentityHub:Clients:5:RedirectUris:0", TestClients.RedirectUri)
            .With("IdentityHub:Clients:5:Scopes:0", "member");
        var scopes = AppScopes.Split(' ').Where(scope => scope is not ("openid" or "offline_access")).ToList();
        for (var i = 0; i < scopes.Count; i++)
        {
            app.With(prefix + $"Scopes:{i}", scopes[i]);
        }

        return app;
    }
}
