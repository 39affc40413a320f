using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;

namespace StarSync.Engine.Tests.Storage;

/// <summary>What the contract cannot see: two store instances over one file, each keeping its own last numbers.</summary>
public sealed class LiteConsultationMessageStoreTests(LiteStorageFixture fixture) : IClassFixture<LiteStorageFixture>
{
    private static NewChatMessage From(string consultationId, string text) => new()
    {
        ConsultationId = consultationId,
        SenderId = "user-1",
        SenderRole = ConsultationParty.User,
        Text = text,
    };

    [Fact]
    public async Task A_number_taken_through_another_instance_is_skipped_not_duplicated()
    {
        var consultationId = "c-" + Guid.NewGuid().ToString("N");
        var a = new LiteConsultationMessageStore(fixture.Store, TimeProvider.System);
        var b = new LiteConsultationMessageStore(fixture.Store, TimeProvider.System);

        var first = await a.AppendAsync(From(consultationId, "one"));
        var second = await b.AppendAsync(From(consultationId, "two"));
        // a last appended number 1; the unique key sends it past the 2 that b took.
        var third = await a.AppendAsync(From(consultationId, "three"));
        var fourth = await b.AppendAsync(From(consultationId, "four"));

        Assert.Equal([1L, 2L, 3L, 4L], [first.Seq, second.Seq, third.Seq, fourth.Seq]);
        var stored = await a.ListAfterAsync(consultationId, 0, 10);
        Assert.Equal(["one", "two", "three", "four"], stored.Select(m => m.Text));
        Assert.Equal([1L, 2L, 3L, 4L], stored.Select(m => m.Seq));
    }
}
