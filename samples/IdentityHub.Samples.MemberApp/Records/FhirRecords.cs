using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace IdentityHub.Samples.MemberApp.Records;

/// <summary>
/// Reads the member's record from the FHIR API with the access token: <c>GET Patient/{id}</c>, then searches of
/// Observation, Condition and Coverage by patient. A 403 means the member did not share that part with the app
/// (they unticked the scope at IdentityHub), and is shown as such, not as an error.
/// </summary>
public sealed class FhirRecords(IHttpClientFactory clients)
{
    public const string HttpClientName = "fhir";

    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir();

    public async Task<RecordSection<string>> PatientNameAsync(string accessToken, string patient, CancellationToken cancellationToken)
    {
        var (resource, failure) = await GetAsync<Patient>(accessToken, "Patient/" + Uri.EscapeDataString(patient), cancellationToken);
        if (resource is null)
        {
            return failure!;
        }

        var name = resource.Name.FirstOrDefault(name => name.Use == HumanName.NameUse.Official) ?? resource.Name.FirstOrDefault();
        var text = name is null ? patient : string.Join(' ', name.Given.Append(name.Family).Where(part => !string.IsNullOrEmpty(part)));
        return new(SectionState.Shared, [text]);
    }

    public Task<RecordSection<ObservationRow>> ObservationsAsync(string accessToken, string patient, CancellationToken cancellationToken) =>
        SearchAsync<Observation, ObservationRow>(accessToken, "Observation", patient, observation => new ObservationRow(
            DateOf(observation.Effective),
            observation.Code?.Text ?? observation.Code?.Coding.FirstOrDefault()?.Display ?? "Observation",
            ValueOf(observation)), cancellationToken);

    public Task<RecordSection<ConditionRow>> ConditionsAsync(string accessToken, string patient, CancellationToken cancellationToken) =>
        SearchAsync<Condition, ConditionRow>(accessToken, "Condition", patient, condition => new ConditionRow(
            condition.Code?.Text ?? condition.Code?.Coding.FirstOrDefault()?.Display ?? "Condition",
            condition.ClinicalStatus?.Text ?? condition.ClinicalStatus?.Coding.FirstOrDefault()?.Code ?? "",
            DateOf(condition.Onset)), cancellationToken);

    public Task<RecordSection<CoverageRow>> CoverageAsync(string accessToken, string patient, CancellationToken cancellationToken) =>
        SearchAsync<Coverage, CoverageRow>(accessToken, "Coverage", patient, coverage => new CoverageRow(
            coverage.Class.FirstOrDefault()?.Name ?? coverage.Class.FirstOrDefault()?.Value ?? "",
            string.Join(", ", coverage.Payor.Select(payor => payor.Display)),
            coverage.SubscriberId ?? "",
            coverage.Status?.ToString() ?? "",
            $"{coverage.Period?.Start} to {coverage.Period?.End}"), cancellationToken);

    private async Task<RecordSection<TRow>> SearchAsync<TResource, TRow>(string accessToken, string type, string patient,
        Func<TResource, TRow> toRow, CancellationToken cancellationToken)
        where TResource : Resource
    {
        var (bundle, failure) = await GetAsync<Bundle>(accessToken, $"{type}?patient={Uri.EscapeDataString(patient)}", cancellationToken);
        if (bundle is null)
        {
            return new RecordSection<TRow>(failure!.State, [], failure.Message);
        }

        return new(SectionState.Shared, [.. bundle.Entry.Select(entry => entry.Resource).OfType<TResource>().Select(toRow)]);
    }

    /// <summary>One GET with the access token; the resource, or the section state that explains its absence.</summary>
    private async Task<(TResource? Resource, RecordSection<string>? Failure)> GetAsync<TResource>(
        string accessToken, string relativeUrl, CancellationToken cancellationToken)
        where TResource : Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUrl, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                return (null, new RecordSection<string>(SectionState.NotShared, []));
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return (null, Failed("The health record server refused the access token; it may have expired. Choose Refresh."));
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, Failed($"The health record server answered {(int)response.StatusCode}."));
            }

            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            return JsonSerializer.Deserialize<Resource>(json, Fhir) is TResource resource
                ? (resource, null)
                : (null, Failed($"The health record server did not answer with a {typeof(TResource).Name}."));
        }
        catch (HttpRequestException exception)
        {
            return (null, Failed("The health record server could not be reached: " + exception.Message));
        }
        catch (Exception exception) when (exception is JsonException or DeserializationFailedException)
        {
            return (null, Failed("The health record server's answer could not be read as FHIR."));
        }
    }

    private static RecordSection<string> Failed(string message) => new(SectionState.Failed, [], message);

    private static string DateOf(DataType? value) => value switch
    {
        FhirDateTime date => date.Value ?? "",
        Period period => period.Start ?? "",
        _ => "",
    };

    /// <summary>"71.2 kg", or for a panel such as blood pressure its components joined: "142/88 mmHg".</summary>
    private static string ValueOf(Observation observation)
    {
        if (observation.Value is Quantity quantity)
        {
            return Amount(quantity);
        }

        var parts = observation.Component.Select(component => component.Value).OfType<Quantity>().ToList();
        return parts.Count == 0
            ? ""
            : string.Join('/', parts.Select(part => part.Value?.ToString(CultureInfo.InvariantCulture))) + " " + parts[0].Unit;
    }

    private static string Amount(Quantity quantity) =>
        $"{quantity.Value?.ToString(CultureInfo.InvariantCulture)} {quantity.Unit}".Trim();
}
