namespace IdentityHub.Core.Members;

/// <summary>
/// What a person types from their member card to prove they are a member (A15). Compared with the roster in the
/// normalized forms of <see cref="MemberFields"/>, so "ab-123 4567", "Núñez" and "94110-1234" match "AB1234567",
/// "NUNEZ" and "94110".
/// </summary>
public sealed record MemberProof(string MemberId, DateOnly DateOfBirth, string LastName, string PostalCode)
{
    public string NormalizedMemberId => MemberFields.NormalizeMemberId(MemberId);

    public string NormalizedLastName => MemberFields.NormalizeName(LastName);

    public string NormalizedPostalCode => MemberFields.NormalizePostalCode(PostalCode);
}
