using IdentityHub.Data;

namespace IdentityHub.Server.Audit;

/// <summary>
/// <c>IdentityHub:Audit</c>: how long audit records stay in the database, and where they go after (D9,
/// decision 0031). Checked at start: a retention under one day stops the server with a message naming the key.
/// </summary>
public sealed class AuditRetentionOptions
{
    public const string Section = "IdentityHub:Audit";

    /// <summary>Six years: HIPAA's retention of required documentation (45 CFR 164.316(b)(2)).</summary>
    public static readonly TimeSpan SixYears = TimeSpan.FromDays(2190);

    /// <summary>How old a sealed record is when it is moved to an archive file and removed from the table.</summary>
    public TimeSpan Retention { get; set; } = SixYears;

    /// <summary>
    /// Whether every node archives once a day (and at start). Turn it off when <c>archive-audit</c> runs as a
    /// scheduled task of its own instead (tests turn it off to archive exactly when they say).
    /// </summary>
    public bool ArchiveDaily { get; set; } = true;

    /// <summary>The folder of the archive files; relative to the content root; default <c>audit-archive</c> in the data folder (<c>App_Data</c>).</summary>
    public string? ArchiveFolder { get; set; }

    /// <summary>The archive folder as a full path (not created here: the archiver creates it when it first writes).</summary>
    public string ArchiveFolderPath(IConfiguration configuration, string contentRootPath) =>
        string.IsNullOrWhiteSpace(ArchiveFolder)
            ? Path.Combine(DatabaseSettings.DataFolder(configuration, contentRootPath), "audit-archive")
            : Path.GetFullPath(ArchiveFolder, contentRootPath);
}
