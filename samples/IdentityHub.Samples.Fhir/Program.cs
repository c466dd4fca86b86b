using IdentityHub.Samples.Fhir;
using IdentityHub.Samples.Fhir.Records;

var builder = WebApplication.CreateBuilder(args);

var fhir = FhirSettings.From(builder.Configuration);
var problems = fhir.Problems().ToList();
if (problems.Count > 0)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("The FHIR API cannot start: " + problem);
    }

    return 1;
}

builder.Services.AddSingleton(fhir);
builder.Services.AddSingleton(DemoPatients.Create());
builder.Services.AddFhirAuthentication(fhir);

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/health", () => "ok");
app.MapFhirEndpoints(fhir);

await app.RunAsync();
return 0;
