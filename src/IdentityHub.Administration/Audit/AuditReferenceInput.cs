namespace IdentityHub.Administration.Audit;

/// <summary>
/// A reference number as someone read it out or typed it ("4f7k 9qxm", "4F7K9QXM", "4F7K-9QXM"), written the
/// way <see cref="Core.Audit.AuditReferences"/> makes them: upper case, four characters, a dash, four more.
/// Letters the alphabet leaves out because they look like digits are read as those digits (O as 0, I and L as 1).
/// </summary>
public static class AuditReferenceInput
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>The reference as stored, or null when it cannot be one.</summary>
    public static string? Normalize(string? entered)
    {
        if (string.IsNullOrWhiteSpace(entered) || entered.Length > 40)
        {
            return null;
        }

        var characters = new List<char>(8);
        foreach (var c in entered.Trim().ToUpperInvariant())
        {
            if (c is ' ' or '-' or '\u2010' or '\u2011' or '\u2013' or '\u2014')
            {
                continue;
            }

            var read = c switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (!Alphabet.Contains(read, StringComparison.Ordinal))
            {
                return null;
            }

            characters.Add(read);
        }

        return characters.Count == 8 ? $"{new string([.. characters.Take(4)])}-{new string([.. characters.Skip(4)])}" : null;
    }
}
