namespace IdentityHub.Core.Members;

/// <summary>
/// The <c>member</c> scope: a first-party portal that holds it learns the signed-in person's member id and FHIR Patient
/// id (claims <c>member_id</c> and <c>patient</c>). Reserved like the admin API's scope: integrators registering their
/// own apps cannot take it; the plan registers the portals that may (decision 0042).
/// </summary>
public static class MemberScope
{
    public const string Name = "member";
}
