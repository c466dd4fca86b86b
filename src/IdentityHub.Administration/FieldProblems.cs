namespace IdentityHub.Administration;

/// <summary>Collects what is wrong with an input, field by field, in the words the console shows.</summary>
public sealed class FieldProblems
{
    private readonly Dictionary<string, List<string>> _problems = new(StringComparer.Ordinal);

    public bool Any => _problems.Count > 0;

    public void Add(string field, string problem)
    {
        if (!_problems.TryGetValue(field, out var list))
        {
            _problems[field] = list = [];
        }

        list.Add(problem);
    }

    /// <summary>The trimmed text, or a problem when it is missing or longer than <paramref name="maxLength"/>.</summary>
    public string Text(string field, string? value, string label, int maxLength, bool required = true)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            Add(field, $"Enter the {label}.");
        }
        else if (text.Length > maxLength)
        {
            Add(field, $"The {label} can be at most {maxLength} characters long.");
        }
        else if (text.Any(char.IsControl))
        {
            Add(field, $"The {label} cannot contain control characters.");
        }

        return text;
    }

    /// <summary>The trimmed email address, or a problem when it is missing or not shaped like one.</summary>
    public string Email(string field, string? value)
    {
        var email = Text(field, value, "email address", Core.Accounts.EmailAddresses.MaxLength);
        if (email.Length > 0 && !Core.Accounts.EmailAddresses.IsValid(email))
        {
            Add(field, "Enter an email address like name@example.com.");
        }

        return email;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _problems.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
