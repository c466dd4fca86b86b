namespace IdentityHub.Delivery.Outbox;

/// <summary>The development outbox: messages are written as JSON files instead of being sent.</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether the outbox is used. It takes every kind of message, before the configured channels.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder the files are written to; required when enabled.</summary>
    public string? Folder { get; set; }
}
