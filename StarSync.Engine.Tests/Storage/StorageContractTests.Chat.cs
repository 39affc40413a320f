using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The chat port: gap-free numbering under races, listing after a number, read marks.</summary>
public abstract partial class StorageContractTests
{
    private IConsultationMessageStore Messages => Ports.ConsultationMessages;

    private Task<ChatMessage> SayAsync(string consultationId, ConsultationParty role, string text) =>
        Messages.AppendAsync(new NewChatMessage
        {
            ConsultationId = consultationId,
            SenderId = role == ConsultationParty.User ? "user-of-" + consultationId : "astro-of-" + consultationId,
            SenderRole = role,
            Text = text,
        });

    [SkippableFact]
    public async Task Messages_are_numbered_from_one_per_consultation_trimmed_and_kept_verbatim()
    {
        var chat = "chat" + Unique();
        var other = "chat" + Unique();

        var first = await SayAsync(chat, ConsultationParty.User, "  Namaste, <b>guruji</b> & hello \n");
        Clock.Advance(TimeSpan.FromSeconds(3));
        var second = await SayAsync(chat, ConsultationParty.Astrologer, "Namaste 🙏");
        var elsewhere = await SayAsync(other, ConsultationParty.User, "hi");

        Assert.Equal(1, first.Seq);
        Assert.Equal("Namaste, <b>guruji</b> & hello", first.Text);
        Assert.Equal(ConsultationParty.User, first.SenderRole);
        Assert.Equal("user-of-" + chat, first.SenderId);
        Assert.Equal(Start, first.SentAt);
        Assert.Null(first.ReadAt);
        Assert.Equal(2, second.Seq);
        Assert.Equal(Start.AddSeconds(3), second.SentAt);
        Assert.Equal(1, elsewhere.Seq);
        Assert.Equal([first, second], await Messages.ListAfterAsync(chat, 0, 50));
        Assert.Equal([second], await Messages.ListAfterAsync(chat, 1, 50));
        Assert.Equal([first], await Messages.ListAfterAsync(chat, 0, 1));
        Assert.Empty(await Messages.ListAfterAsync(chat, 2, 50));
        Assert.Empty(await Messages.ListAfterAsync("chat" + Unique(), 0, 50));
    }

    [SkippableFact]
    public async Task Consultations_whose_ids_extend_one_another_keep_their_own_numbers()
    {
        // "x", "x1", "x10" and "x:1": ids that begin with one another never share numbers.
        var chat = "chat" + Unique();
        string[] chats = [chat, chat + "1", chat + "10", chat + ":1"];
        foreach (var id in chats.Reverse())
        {
            for (var n = 0; n < 12; n++)
            {
                await SayAsync(id, ConsultationParty.User, $"{id} {n}");
            }
        }

        await SayAsync(chat + "1", ConsultationParty.Astrologer, "one more");

        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), (await Messages.ListAfterAsync(chat, 0, 100)).Select(m => m.Seq));
        Assert.Equal(13, (await Messages.ListAfterAsync(chat + "1", 0, 100)).Count);
        Assert.Equal("one more", (await Messages.ListAfterAsync(chat + "1", 12, 100)).Single().Text);
        Assert.Equal(12, (await Messages.ListAfterAsync(chat + "10", 0, 100))[^1].Seq);
        Assert.Equal(12, (await Messages.ListAfterAsync(chat + ":1", 0, 100))[^1].Seq);
    }

    [SkippableFact]
    public async Task Empty_too_long_or_system_messages_are_refused()
    {
        var chat = "chat" + Unique();

        await Assert.ThrowsAsync<ArgumentException>(() => SayAsync(chat, ConsultationParty.User, "   "));
        await Assert.ThrowsAsync<ArgumentException>(() => SayAsync(chat, ConsultationParty.User, new string('a', ChatText.MaxLength + 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => SayAsync(chat, ConsultationParty.System, "hello"));
        var longest = await SayAsync(chat, ConsultationParty.User, " " + new string('a', ChatText.MaxLength) + " ");

        Assert.Equal(1, longest.Seq);
        Assert.Equal(ChatText.MaxLength, longest.Text.Length);
    }

    [SkippableFact]
    public async Task Fifty_concurrent_appends_get_the_numbers_one_to_fifty_without_gaps_or_duplicates()
    {
        var chat = "chat" + Unique();

        var appended = Concurrently.Run(50, i => SayAsync(chat, i % 2 == 0 ? ConsultationParty.User : ConsultationParty.Astrologer, "message " + i));

        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), appended.Select(m => m.Seq).Order());
        var stored = await Messages.ListAfterAsync(chat, 0, 100);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => "message " + i).Order(StringComparer.Ordinal), stored.Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.Equal(appended.OrderBy(m => m.Seq), stored);
    }

    [SkippableFact]
    public async Task Marking_read_stamps_only_the_other_partys_unread_messages_up_to_the_number()
    {
        var chat = "chat" + Unique();
        await SayAsync(chat, ConsultationParty.User, "one");
        await SayAsync(chat, ConsultationParty.Astrologer, "two");
        await SayAsync(chat, ConsultationParty.User, "three");
        await SayAsync(chat, ConsultationParty.User, "four");
        Clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, await Messages.MarkReadAsync(chat, ConsultationParty.Astrologer, 3));
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await Messages.MarkReadAsync(chat, ConsultationParty.Astrologer, 3));
        Assert.Equal(1, await Messages.MarkReadAsync(chat, ConsultationParty.Astrologer, 10));
        Assert.Equal(1, await Messages.MarkReadAsync(chat, ConsultationParty.User, 2));
        await Assert.ThrowsAsync<ArgumentException>(() => Messages.MarkReadAsync(chat, ConsultationParty.System, 2));

        var stored = await Messages.ListAfterAsync(chat, 0, 10);
        Assert.Equal(
            [(1L, Start.AddSeconds(10)), (2L, Start.AddSeconds(20)), (3L, Start.AddSeconds(10)), (4L, Start.AddSeconds(20))],
            stored.Select(m => (m.Seq, m.ReadAt!.Value)));
    }
}
