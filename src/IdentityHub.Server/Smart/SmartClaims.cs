namespace IdentityHub.Server.Smart;

/// <summary>The claims and response parameters SMART App Launch and the member scope add (docs/smart.md).</summary>
public static class SmartClaims
{
    /// <summary>The FHIR Patient id in context: an access-token claim and a token-response parameter (with <c>launch/patient</c>).</summary>
    public const string Patient = "patient";

    /// <summary>The signed-in member's FHIR resource URL, in the ID token (with the <c>fhirUser</c> scope).</summary>
    public const string FhirUser = "fhirUser";

    /// <summary>The plan's member id, for first-party portals granted the <c>member</c> scope.</summary>
    public const string MemberId = "member_id";

    /// <summary>The scope first-party portals ask for to learn the member id and Patient id of the person signed in.</summary>
    public const string MemberScope = Core.Members.MemberScope.Name;
}
