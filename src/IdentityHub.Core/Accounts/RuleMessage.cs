namespace IdentityHub.Core.Accounts;

/// <summary>
/// What a rule says to a person, without its words: the key of the text (the server's <c>RuleText</c> resource
/// file, in English and Spanish, overridable by the plan) and the values of its {0}, {1}…, so the server
/// renders it in the reader's language. Two messages are equal when their keys and values are.
/// </summary>
public sealed record RuleMessage(string Key, params object[] Arguments)
{
    public bool Equals(RuleMessage? other) =>
        other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal) && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Arguments.Length == 0 ? Key : $"{Key}({string.Join(", ", Arguments)})";
}
