namespace IdentityHub.Core.Smart;

/// <summary>Whose data a SMART scope reaches: the launch's patient, what the user may see, or the whole system.</summary>
public enum SmartContext
{
    Patient,
    User,
    System,
}

/// <summary>
/// A SMART App Launch 2 resource scope, <c>context/Type.cruds</c> (for example <c>patient/Observation.rs</c>). Only
/// v2 permissions are understood (a non-empty subset of <c>c r u d s</c>, in that order); v1 names (<c>.read</c>,
/// <c>.write</c>, <c>.*</c>) and granular scopes with a query (<c>?category=…</c>) are not scopes here (decision 0042):
/// the resource server could not honour a query it never sees, so granting one would promise less than it gives.
/// </summary>
public sealed record SmartScope(SmartContext Context, string ResourceType, string Permissions)
{
    /// <summary>The v2 permission letters, in the order a scope must list them.</summary>
    public const string PermissionLetters = "cruds";

    /// <summary>Every valid v2 permission string (31: each non-empty ordered subset of <c>cruds</c>).</summary>
    public static readonly IReadOnlyList<string> AllPermissions = [.. Enumerable.Range(1, 31).Select(PermissionsOf)];

    /// <summary>Whether the scope names every resource type (<c>*</c>).</summary>
    public bool AllTypes => ResourceType == "*";

    /// <summary>The scope as written, <c>context/Type.cruds</c>.</summary>
    public override string ToString() => $"{Context.ToString().ToLowerInvariant()}/{ResourceType}.{Permissions}";

    /// <summary>The scope, or null when <paramref name="value"/> is not a SMART v2 resource scope.</summary>
    public static SmartScope? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 100)
        {
            return null;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var dot = value.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == value.Length - 1)
        {
            return null;
        }

        SmartContext? context = value[..slash] switch
        {
            "patient" => SmartContext.Patient,
            "user" => SmartContext.User,
            "system" => SmartContext.System,
            _ => null,
        };
        var type = value[(slash + 1)..dot];
        var permissions = value[(dot + 1)..];
        if (context is null || !IsResourceType(type) && type != "*" || !IsPermissionString(permissions))
        {
            return null;
        }

        return new SmartScope(context.Value, type, permissions);
    }

    /// <summary>Whether <paramref name="type"/> looks like a FHIR resource type name (<c>Observation</c>): a capital, then letters.</summary>
    public static bool IsResourceType(string type) =>
        type.Length is > 0 and <= 64 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter);

    private static bool IsPermissionString(string permissions)
    {
        var last = -1;
        foreach (var letter in permissions)
        {
            var index = PermissionLetters.IndexOf(letter, StringComparison.Ordinal);
            if (index <= last)
            {
                return false;
            }

            last = index;
        }

        return last >= 0;
    }

    private static string PermissionsOf(int bits) =>
        new([.. PermissionLetters.Where((_, index) => (bits & (1 << (PermissionLetters.Length - 1 - index))) != 0)]);
}
