using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StarSync.Engine.Consultations;
using StarSync.Web.Astrologers;
using StarSync.Web.Tests.Consultations;

namespace StarSync.Web.Tests.Astrologers;

/// <summary>Presence derived from the switch, circuits, heartbeats and consultations, on a clock the test moves.</summary>
public sealed class AstrologerPresenceTests : IDisposable
{
    private const string Id = "astro-1";

    private readonly ConsultationHarness _harness = new();
    private readonly AstrologerPresence _presence;
    private readonly List<PresenceChange> _changes = [];

    public AstrologerPresenceTests()
    {
        _presence = new AstrologerPresence(_harness.Node.Events, _harness.Clock, Options.Create(new PresenceOptions { GraceSeconds = 60, HeartbeatSeconds = 30 }),
            NullLogger<AstrologerPresence>.Instance);
        _presence.Subscribe(_changes.Add);
    }

    private ManualClock Clock => _harness.Clock;

    private void Tick(int seconds)
    {
        Clock.Advance(TimeSpan.FromSeconds(seconds));
        _presence.Evaluate();
    }

    [Fact]
    public void Nobody_is_online_without_switching_on()
    {
        _presence.CircuitUp(Id);

        Assert.Equal(PresenceStatus.Offline, _presence.StatusOf(Id));
        Assert.Empty(_changes);
    }

    [Fact]
    public void A_closed_tab_goes_offline_after_the_grace_and_not_before()
    {
        _presence.CircuitUp(Id);
        Assert.Equal(PresenceStatus.Online, _presence.Switch(Id, true));

        _presence.CircuitDown(Id);
        Tick(59);
        Assert.Equal(PresenceStatus.Online, _presence.StatusOf(Id));

        Tick(1);
        Assert.Equal(PresenceStatus.Offline, _presence.StatusOf(Id));
        Assert.False(_presence.IsSwitchedOn(Id));
        Assert.Equal([new PresenceChange(Id, PresenceStatus.Online), new PresenceChange(Id, PresenceStatus.Offline)], _changes);
    }

    [Fact]
    public void A_reconnect_within_the_grace_keeps_the_astrologer_online()
    {
        _presence.CircuitUp(Id);
        _presence.Switch(Id, true);

        _presence.CircuitDown(Id);
        Tick(45);
        _presence.CircuitUp(Id);
        Tick(120);

        Assert.Equal(PresenceStatus.Online, _presence.StatusOf(Id));
        Assert.Single(_changes);
    }

    [Fact]
    public void The_grace_starts_when_the_last_of_several_tabs_closes()
    {
        _presence.CircuitUp(Id);
        _presence.CircuitUp(Id);
        _presence.Switch(Id, true);

        _presence.CircuitDown(Id);
        Tick(300);
        Assert.Equal(PresenceStatus.Online, _presence.StatusOf(Id));

        _presence.CircuitDown(Id);
        Tick(60);
        Assert.Equal(PresenceStatus.Offline, _presence.StatusOf(Id));
    }

    [Fact]
    public void Heartbeats_keep_an_api_only_astrologer_online_and_lapse_after_30_seconds()
    {
        _presence.Heartbeat(Id);
        Assert.Equal(PresenceStatus.Online, _presence.Switch(Id, true));

        for (var i = 0; i < 10; i++)
        {
            Tick(25);
            Assert.Equal(PresenceStatus.Online, _presence.Heartbeat(Id));
        }

        Tick(29);
        Assert.Equal(PresenceStatus.Online, _presence.StatusOf(Id));
        Tick(1);
        Assert.Equal(PresenceStatus.Offline, _presence.StatusOf(Id));
        Assert.Equal(PresenceStatus.Offline, _presence.Heartbeat(Id));
    }

    [Fact]
    public void Switching_offline_is_immediate()
    {
        _presence.CircuitUp(Id);
        _presence.Switch(Id, true);

        Assert.Equal(PresenceStatus.Offline, _presence.Switch(Id, false));
        Assert.Equal(PresenceStatus.Offline, _presence.StatusOf(Id));
        Assert.Equal(PresenceStatus.Offline, _changes[^1].Status);
    }

    [Fact]
    public async Task A_live_consultation_makes_the_astrologer_busy_until_it_ends()
    {
        var astrologer = await _harness.AstrologerAsync();
        var user = await _harness.UserAsync(100_000);
        _presence.CircuitUp(astrologer);
        _presence.Switch(astrologer, true);

        var consultation = await _harness.StartAsync(user, astrologer);
        Assert.Equal(ConsultationState.Active, consultation.State);
        Assert.Equal(PresenceStatus.Busy, _presence.StatusOf(astrologer));

        var ended = await _harness.Service.EndAsync(user, consultation.Id);
        Assert.True(ended.Succeeded);
        Assert.Equal(PresenceStatus.Online, _presence.StatusOf(astrologer));
        Assert.Equal([PresenceStatus.Online, PresenceStatus.Busy, PresenceStatus.Online], _changes.Where(c => c.AstrologerId == astrologer).Select(c => c.Status));
    }

    [Fact]
    public void The_directory_lists_online_then_busy_then_offline_then_by_rating_and_name()
    {
        static DirectoryEntry E(string name, PresenceStatus s, double? rating = null) => new(name, name, null, ["Hindi"], ["Vedic"], 1_000, s, rating, rating is null ? 0 : 3, 5, "");

        var ordered = AstrologerDirectory.Order(
        [
            E("Zoya", PresenceStatus.Offline), E("Anil", PresenceStatus.Busy), E("Meera", PresenceStatus.Online), E("Bala", PresenceStatus.Online, 4.2),
            E("Chitra", PresenceStatus.Online, 4.8), E("Arun", PresenceStatus.Offline),
        ]);

        Assert.Equal(["Chitra", "Bala", "Meera", "Anil", "Arun", "Zoya"], ordered.Select(e => e.Name));
    }

    public void Dispose()
    {
        _presence.Dispose();
        _harness.Dispose();
    }
}
