namespace IdentityHub.Samples.Fhir.Smart;

/// <summary>Whose data a SMART scope reaches: the patient in context, what the user may see, or any (a backend).</summary>
public enum SmartContext
{
    Patient,
    User,
    System,
}

/// <summary>
/// One SMART App Launch 2 resource scope, <c>{patient|user|system}/{ResourceType|*}.{permissions}</c>, where the
/// permissions are an ordered subset of <c>cruds</c> (create, read, update, delete, search). SMART 1 scopes
/// (<c>.read</c>, <c>.write</c>, <c>.*</c>) are read as their SMART 2 equivalents, as the specification asks
/// servers to accept both. Scopes narrowed by search parameters (<c>patient/Observation.rs?category=laboratory</c>)
/// are not understood by this sample and grant nothing, which is the safe reading.
/// </summary>
public sealed record SmartScope(SmartContext Context, string ResourceType, string Permissions)
{
    private const string AllPermissions = "cruds";

    /// <summary>Whether this scope names the resource type, or all types with <c>*</c>.</summary>
    public bool Covers(string resourceType) => ResourceType == "*" || string.Equals(ResourceType, resourceType, StringComparison.Ordinal);

    /// <summary>Whether the scope grants one permission letter (<c>r</c> for read, <c>s</c> for search).</summary>
    public bool Allows(char permission) => Permissions.Contains(permission, StringComparison.Ordinal);

    /// <summary>Reads a resource scope; <c>false</c> for anything else (<c>openid</c>, <c>launch/patient</c>, malformed).</summary>
    public static bool TryParse(string value, out SmartScope scope)
    {
        scope = null!;
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var dot = value.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == value.Length - 1 || value.Contains('?', StringComparison.Ordinal))
        {
            return false;
        }

        SmartContext? context = value[..slash] switch
        {
            "patient" => SmartContext.Patient,
            "user" => SmartContext.User,
            "system" => SmartContext.System,
            _ => null,
        };
        var type = value[(slash + 1)..dot];
        var permissions = ReadPermissions(value[(dot + 1)..]);
        if (context is null || permissions is null || !IsResourceType(type))
        {
            return false;
        }

        scope = new SmartScope(context.Value, type, permissions);
        return true;
    }

    /// <summary>The resource scopes among granted scopes; other scopes are left out.</summary>
    public static IReadOnlyList<SmartScope> ParseAll(IEnumerable<string> scopes) =>
        [.. scopes.Select(value => TryParse(value, out var scope) ? scope : null).OfType<SmartScope>()];

    private static string? ReadPermissions(string text) => text switch
    {
        "read" => "rs",
        "write" => "cud",
        "*" => AllPermissions,
        _ => IsOrderedSubsetOfCruds(text) ? text : null,
    };

    /// <summary>SMART 2: each of c, r, u, d, s at most once, in that order ("rs" yes, "sr" and "rr" no).</summary>
    private static bool IsOrderedSubsetOfCruds(string text)
    {
        var next = 0;
        foreach (var letter in text)
        {
            var at = AllPermissions.IndexOf(letter, next);
            if (at < 0)
            {
                return false;
            }

            next = at + 1;
        }

        return text.Length > 0;
    }

    private static bool IsResourceType(string type) =>
        type == "*" || (type.Length > 0 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter));

    public override string ToString() => $"{Context.ToString().ToLowerInvariant()}/{ResourceType}.{Permissions}";
}
