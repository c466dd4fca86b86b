using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace IdentityHub.Samples.Fhir.Fhir;

/// <summary>
/// A FHIR resource as an HTTP answer: <c>application/fhir+json</c>, written by the Firely SDK's serializer so the
/// JSON follows the FHIR rules (resourceType first, primitives with extensions, no nulls).
/// </summary>
public sealed class FhirResponse(Resource resource, int statusCode = StatusCodes.Status200OK) : IResult
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true }.ForFhir();

    public Resource Resource => resource;

    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, resource, statusCode);

    public static async Task WriteAsync(HttpContext http, Resource resource, int statusCode)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(http.Response.Body, resource, resource.GetType(), Json, http.RequestAborted);
    }
}
