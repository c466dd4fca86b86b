namespace IdentityHub.Core.Organizations;

/// <summary>
/// The organization's federal Tax ID (D1): nine digits, no spaces or dashes, typed twice on forms. Each
/// mistake gets its own words, as the plans' registration forms give them.
/// </summary>
public static class TaxIds
{
    public const int Length = 9;

    /// <summary>The Tax ID to store, or the sentence naming what is wrong (null confirmation: not asked twice, as in an API call).</summary>
    public static TaxIdCheck Check(string? entered, string? confirmation = null)
    {
        var value = entered?.Trim() ?? "";
        if (value.Length == 0)
        {
            return TaxIdCheck.Refused("Enter the organization's Tax ID: 9 digits.");
        }

        if (value.Any(c => c is '-' or ' '))
        {
            return TaxIdCheck.Refused("Enter the Tax ID as 9 digits only, without dashes or spaces.");
        }

        if (!value.All(char.IsAsciiDigit))
        {
            return TaxIdCheck.Refused("A Tax ID has digits only.");
        }

        if (value.Length != Length)
        {
            return TaxIdCheck.Refused($"A Tax ID has 9 digits; this one has {value.Length}.");
        }

        if (confirmation is not null && confirmation.Trim() != value)
        {
            return TaxIdCheck.Refused("The two Tax IDs do not match. Enter the same 9 digits in both boxes.");
        }

        return new TaxIdCheck(value, null);
    }
}

/// <summary>A checked Tax ID: the value to store, or why there is none.</summary>
public sealed record TaxIdCheck(string? Value, string? Problem)
{
    public bool IsValid => Problem is null;

    public static TaxIdCheck Refused(string problem) => new(null, problem);
}
