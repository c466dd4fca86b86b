using IdentityHub.Testing;
using System.Text.Json;
using IdentityHub.Delivery.Outbox;
using IdentityHub.Delivery.Tests.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IdentityHub.Delivery.Tests.Outbox;

public sealed class DevOutboxTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"identityhub-outbox-{Guid.NewGuid():N}", "outbox");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 15, 30, 0, TimeSpan.Zero));

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_folder)))
        {
            Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);
        }
    }

    private ServiceProvider Services()
    {
        var settings = DeliveryServices.FastResilience();
        settings["Outbox:Enabled"] = "true";
        settings["Outbox:Folder"] = _folder;
        // A configured provider that must not be reached: the outbox comes first.
        settings.AddTwilio("Sms", 0, "sms-primary", new Uri("http://127.0.0.1:9"));
        return DeliveryServices.Build(settings, new RecordingAudit(), _clock);
    }

    [Fact]
    public async Task Enabled_outbox_takes_every_kind_and_writes_one_json_file_per_message()
    {
        await using var services = Services();
        var sender = services.GetRequiredService<IMessageSender>();

        var email = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Email, "pat@example.org", "Your code", "Code 111111", "ref-a"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var sms = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, "Code 222222", "ref-b"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var voice = await sender.SendAsync(new DeliveryMessage(DeliveryKind.Voice, "+16505550123", null, "Code 3 3 3", "ref/c"), CancellationToken.None);

        Assert.Equal(new DeliveryOutcome.Sent("outbox-email"), email);
        Assert.Equal(new DeliveryOutcome.Sent("outbox-sms"), sms);
        Assert.Equal(new DeliveryOutcome.Sent("outbox-voice"), voice);
        var files = Directory.GetFiles(_folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["20260302T1530000000000Z-ref-a.json", "20260302T1530010000000Z-ref-b.json", "20260302T1530020000000Z-ref_c.json"], files);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, files[0]!)));
        var root = json.RootElement;
        Assert.Equal("email", root.GetProperty("kind").GetString());
        Assert.Equal("pat@example.org", root.GetProperty("to").GetString());
        Assert.Equal("Your code", root.GetProperty("subject").GetString());
        Assert.Equal("Code 111111", root.GetProperty("body").GetString());
        Assert.Equal("ref-a", root.GetProperty("reference").GetString());
        Assert.Equal(_clock.Start, root.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task ReadRecent_returns_the_newest_first()
    {
        await using var services = Services();
        var sender = services.GetRequiredService<IMessageSender>();
        for (var i = 1; i <= 4; i++)
        {
            await sender.SendAsync(new DeliveryMessage(DeliveryKind.Sms, "+16505550123", null, $"Code {i}", $"ref-{i}"), CancellationToken.None);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var recent = DevOutbox.ReadRecent(_folder, 3);

        Assert.Equal(["ref-4", "ref-3", "ref-2"], recent.Select(e => e.Reference));
        Assert.Equal(new OutboxEntry(DeliveryKind.Sms, "+16505550123", null, "Code 4", "ref-4", _clock.Start.AddMinutes(3)), recent[0]);
    }

    [Fact]
    public void ReadRecent_of_a_missing_folder_is_empty() =>
        Assert.Empty(DevOutbox.ReadRecent(Path.Combine(_folder, "nowhere"), 10));
}
