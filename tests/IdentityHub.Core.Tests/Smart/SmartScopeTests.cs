using IdentityHub.Core.Smart;

namespace IdentityHub.Core.Tests.Smart;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("patient/Observation.rs", SmartContext.Patient, "Observation", "rs")]
    [InlineData("user/*.cruds", SmartContext.User, "*", "cruds")]
    [InlineData("system/Patient.r", SmartContext.System, "Patient", "r")]
    [InlineData("patient/ExplanationOfBenefit.s", SmartContext.Patient, "ExplanationOfBenefit", "s")]
    public void A_v2_scope_is_read(string value, SmartContext context, string type, string permissions)
    {
        var scope = SmartScope.Parse(value);

        Assert.Equal(new SmartScope(context, type, permissions), scope);
        Assert.Equal(value, scope!.ToString());
    }

    [Theory]
    [InlineData("patient/Observation.read")]
    [InlineData("patient/Observation.write")]
    [InlineData("patient/*.*")]
    [InlineData("patient/Observation.sr")]
    [InlineData("patient/Observation.rr")]
    [InlineData("patient/Observation.")]
    [InlineData("patient/.rs")]
    [InlineData("patient/observation.rs")]
    [InlineData("practitioner/Observation.rs")]
    [InlineData("patient/Observation.rs?category=laboratory")]
    [InlineData("launch/patient")]
    [InlineData("openid")]
    [InlineData("")]
    public void V1_granular_and_malformed_scopes_are_not_v2_scopes(string value) => Assert.Null(SmartScope.Parse(value));

    [Fact]
    public void There_are_31_permission_strings_each_in_cruds_order()
    {
        Assert.Equal(31, SmartScope.AllPermissions.Count);
        Assert.Equal(31, SmartScope.AllPermissions.Distinct().Count());
        Assert.Contains("cruds", SmartScope.AllPermissions);
        Assert.Contains("rs", SmartScope.AllPermissions);
        Assert.All(SmartScope.AllPermissions, permissions => Assert.NotNull(SmartScope.Parse("patient/Patient." + permissions)));
    }

    [Fact]
    public void The_set_has_every_context_type_and_permission_and_the_two_launch_scopes()
    {
        var scopes = new SmartScopes(["Patient", "Observation"]);

        Assert.Equal(2 + 3 * 3 * 31, scopes.All.Count);
        Assert.True(scopes.Contains("patient/Observation.rs"));
        Assert.True(scopes.Contains("system/*.r"));
        Assert.True(scopes.Contains(SmartScopes.LaunchPatient));
        Assert.True(scopes.Contains(SmartScopes.FhirUser));
        Assert.False(scopes.Contains("patient/Condition.rs"));
        Assert.False(scopes.Contains("patient/Observation.read"));
    }

    [Fact]
    public void System_scopes_need_client_credentials_and_patient_scopes_a_sign_in()
    {
        Assert.Null(SmartScopes.GrantMismatch(["openid", "launch/patient", "patient/*.rs"], codeFlow: true, clientCredentials: false));
        Assert.Null(SmartScopes.GrantMismatch(["system/Patient.rs"], codeFlow: false, clientCredentials: true));
        Assert.Contains("client_credentials", SmartScopes.GrantMismatch(["system/Patient.rs"], codeFlow: true, clientCredentials: false));
        Assert.Contains("authorization_code", SmartScopes.GrantMismatch(["patient/Patient.rs"], codeFlow: false, clientCredentials: true));
        Assert.Contains("authorization_code", SmartScopes.GrantMismatch(["launch/patient"], codeFlow: false, clientCredentials: true));
    }
}
