using System.Text.Json;
using IdentityHub.Core.Accounts;
using IdentityHub.Core.Members;

namespace IdentityHub.Server.Members.Webhook;

/// <summary>
/// Reads the eligibility system's answer (docs/members.md): <c>{"matched":false}</c>, or <c>{"matched":true,
/// "member_id":…}</c> with the optional <c>patient_id</c>, <c>given_name</c>, <c>family_name</c> and <c>email</c>.
/// Anything that is not one of these, or that contradicts the question (a match for another member id, a Patient id
/// that is not a FHIR id), is <see cref="RosterAnswer.Unavailable"/>: a wrong answer must not link an account.
/// The reasons name fields, never their values.
/// </summary>
internal static class RosterReply
{
    public static RosterAnswer Read(string body, MemberProof proof)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Unreadable("the answer is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("matched", out var matched) || matched.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Unreadable("the answer has no \"matched\": true or false");
            }

            if (matched.ValueKind == JsonValueKind.False)
            {
                return new RosterAnswer.NotMatched();
            }

            var normalized = MemberFields.NormalizeMemberId(Text(root, "member_id"));
            if (normalized.Length == 0 || normalized != proof.NormalizedMemberId)
            {
                return Unreadable("a match without the member id that was asked about");
            }

            if (!Optional(root, "patient_id", out var patientId) || patientId is not null && !IsFhirId(patientId))
            {
                return Unreadable("\"patient_id\" is not a FHIR id ([A-Za-z0-9-.], 1 to 64 characters)");
            }

            if (!Optional(root, "given_name", out var givenName) || !Optional(root, "family_name", out var familyName) || !Optional(root, "email", out var email))
            {
                return Unreadable("\"given_name\", \"family_name\" or \"email\" is not text");
            }

            // The email is only a suggestion for the new account: one that is not an address is left out.
            email = email is not null && EmailAddresses.IsValid(email) ? email : null;
            return new RosterAnswer.Matched(normalized, patientId, givenName, familyName, email);
        }
    }

    /// <summary>The FHIR <c>id</c> grammar: 1 to 64 of letters, digits, '-' and '.'.</summary>
    public static bool IsFhirId(string value) =>
        value.Length is >= 1 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static RosterAnswer.Unavailable Unreadable(string why) => new($"unreadable answer: {why}");

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>False when the property is there but not text or null; otherwise the trimmed text, or null when absent, null or blank.</summary>
    private static bool Optional(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!.Trim() is { Length: > 0 } text ? text : null;
        return true;
    }
}
