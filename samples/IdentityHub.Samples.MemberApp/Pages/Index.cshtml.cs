using System.Globalization;
using IdentityHub.Samples.MemberApp.Connections;
using IdentityHub.Samples.MemberApp.Records;
using IdentityHub.Samples.MemberApp.Smart;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityHub.Samples.MemberApp.Pages;

/// <summary>
/// The app's one page: a Connect link, or the connection (issuer, patient, granted scopes) and the member's record
/// read from the FHIR API, each part marked shared or not. Refresh redeems the refresh token; Disconnect forgets
/// the tokens here.
/// </summary>
public sealed class IndexModel(ConnectionStore connections, FhirRecords records, TokenClient tokenClient,
    MemberAppSettings settings, TimeProvider time) : PageModel
{
    public Connection? Connection { get; private set; }

    /// <summary>Asked for but not granted: what the member unticked (or IdentityHub did not allow).</summary>
    public IReadOnlyList<string> NotGranted { get; private set; } = [];

    public RecordSection<string>? PatientName { get; private set; }

    public RecordSection<ObservationRow>? Observations { get; private set; }

    public RecordSection<ConditionRow>? Conditions { get; private set; }

    public RecordSection<CoverageRow>? Coverage { get; private set; }

    public string? RefreshMessage { get; private set; }

    public bool RefreshFailed { get; private set; }

    public string? AccessTokenExpiresAt => Connection?.AccessTokenExpiresAt?.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public Task OnGetAsync() => LoadAsync();

    /// <summary>Redeems the refresh token for new tokens; IdentityHub refuses once the member disconnected the app there.</summary>
    public async Task OnPostRefreshAsync()
    {
        var connection = connections.Find(Request);
        if (connection is null)
        {
            await LoadAsync();
            return;
        }

        if (string.IsNullOrEmpty(connection.RefreshToken))
        {
            (RefreshFailed, RefreshMessage) = (true, "The app has no refresh token: offline_access was not granted. Connect again.");
        }
        else
        {
            var (tokens, problem) = await tokenClient.RefreshAsync(connection.TokenEndpoint, connection.RefreshToken, HttpContext.RequestAborted);
            if (tokens is null)
            {
                (RefreshFailed, RefreshMessage) = (true, $"The tokens could not be refreshed. {problem} If you disconnected the app at IdentityHub, connect again.");
            }
            else
            {
                connections.Replace(Request, connection with
                {
                    AccessToken = tokens.AccessToken!,
                    RefreshToken = tokens.RefreshToken ?? connection.RefreshToken,
                    AccessTokenExpiresAt = tokens.ExpiresIn is { } seconds ? time.GetUtcNow().AddSeconds(seconds) : null,
                    Patient = tokens.Patient ?? connection.Patient,
                    GrantedScopes = tokens.Scope is null ? connection.GrantedScopes : tokens.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                });
                RefreshMessage = "The tokens were refreshed at " + time.GetUtcNow().ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) + ".";
            }
        }

        await LoadAsync();
    }

    /// <summary>Forgets the tokens in this app. The grant at IdentityHub stays until the member disconnects the app there.</summary>
    public IActionResult OnPostDisconnect()
    {
        connections.Remove(HttpContext);
        return Redirect("/");
    }

    private async Task LoadAsync()
    {
        Connection = connections.Find(Request);
        if (Connection is null)
        {
            return;
        }

        NotGranted = [.. settings.ScopeList.Except(Connection.GrantedScopes, StringComparer.Ordinal)];
        if (Connection.Patient is not { } patient)
        {
            return;
        }

        var token = Connection.AccessToken;
        var cancel = HttpContext.RequestAborted;
        var name = records.PatientNameAsync(token, patient, cancel);
        var observations = records.ObservationsAsync(token, patient, cancel);
        var conditions = records.ConditionsAsync(token, patient, cancel);
        var coverage = records.CoverageAsync(token, patient, cancel);
        await Task.WhenAll(name, observations, conditions, coverage);
        (PatientName, Observations, Conditions, Coverage) = (name.Result, observations.Result, conditions.Result, coverage.Result);
    }
}
