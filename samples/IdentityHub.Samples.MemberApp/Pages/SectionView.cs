using IdentityHub.Samples.MemberApp.Records;

namespace IdentityHub.Samples.MemberApp.Pages;

/// <summary>What the <c>_Section</c> partial needs of any record section, whatever its rows.</summary>
public sealed record SectionView(string Id, string Title, SectionState State, string? Message, int Count)
{
    public static SectionView Of<T>(string id, string title, RecordSection<T> section) =>
        new(id, title, section.State, section.Message, section.Rows.Count);
}
