using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IdentityHub.Core.Members;

namespace IdentityHub.Server.Members.Webhook;

/// <summary>
/// The JSON posted to the plan's eligibility system (docs/members.md): what the person typed (trimmed), the
/// birth date as <c>yyyy-MM-dd</c>, the same fields in the forms IdentityHub compares them in, and a reference
/// that also appears in IdentityHub's log, so both sides can find one check without logging personal data.
/// Names and their order are part of the contract.
/// </summary>
internal sealed record RosterRequest(
    [property: JsonPropertyName("member_id")] string MemberId,
    [property: JsonPropertyName("date_of_birth")] string DateOfBirth,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("postal_code")] string PostalCode,
    [property: JsonPropertyName("normalized")] RosterRequest.NormalizedFields Normalized,
    [property: JsonPropertyName("reference")] string Reference)
{
    /// <summary>Nulls written; non-ASCII letters kept as they are (<c>Núñez</c>, not <c>N\u00fa\u00f1ez</c>).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RosterRequest From(MemberProof proof, string reference) => new(
        proof.MemberId.Trim(),
        proof.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        proof.LastName.Trim(),
        proof.PostalCode.Trim(),
        new NormalizedFields(proof.NormalizedMemberId, proof.NormalizedLastName, proof.NormalizedPostalCode),
        reference);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>The fields as <see cref="MemberFields"/> normalizes them: upper-case letters and digits, five-digit ZIP.</summary>
    internal sealed record NormalizedFields(
        [property: JsonPropertyName("member_id")] string MemberId,
        [property: JsonPropertyName("last_name")] string LastName,
        [property: JsonPropertyName("postal_code")] string PostalCode);
}
