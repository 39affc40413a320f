using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Web.Components.Pages.Admin.Reports;
using StarSync.Web.Moderation;
using StarSync.Web.Reviews;
using StarSync.Web.Tests.Consultations;

namespace StarSync.Web.Tests.Components.Reviews;

/// <summary>The admin's "Read chat" dialog: no message is shown, and nothing read, before a reason is given; the read is audited.</summary>
public sealed class ChatReadDialogTests : MudComponentTest
{
    private readonly ConsultationHarness _harness = new();

    public ChatReadDialogTests()
    {
        var ports = _harness.Ports;
        var reviews = new ReviewService(ports.Consultations, ports.Reviews, ports.Accounts, ports.AstrologerProfiles, _harness.Clock);
        Services.AddSingleton(new ModerationService(ports.Reports, ports.Reviews, ports.Consultations, ports.ConsultationMessages, ports.AstrologerProfiles, ports.Accounts, ports.AuditLog, reviews));
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task The_chat_shows_only_after_a_reason_of_ten_characters_and_the_read_is_audited()
    {
        var astrologer = await _harness.AstrologerAsync();
        var user = await _harness.UserAsync(10_000);
        var c = await _harness.StartAsync(user, astrologer);
        await _harness.Ports.ConsultationMessages.AppendAsync(new NewChatMessage { ConsultationId = c.Id, SenderId = user, SenderRole = ConsultationParty.User, Text = "Hello <script>x</script>" });
        await _harness.Ports.ConsultationMessages.AppendAsync(new NewChatMessage { ConsultationId = c.Id, SenderId = astrologer, SenderRole = ConsultationParty.Astrologer, Text = "Pay me outside" });
        var dialogs = Render<MudDialogProvider>();
        var parameters = new DialogParameters<ChatReadDialog> { { d => d.AdminId, "admin-7" }, { d => d.ConsultationId, c.Id }, { d => d.HighlightSeq, 2L } };
        await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ChatReadDialog>("Read chat", parameters));

        dialogs.Find("textarea").Input("too short");
        dialogs.Find("[data-testid=chat-read-submit]").Click();

        Assert.Contains("at least 10 characters", dialogs.Markup, StringComparison.Ordinal);
        Assert.Empty(dialogs.FindAll("[data-testid=chat-read-message]"));
        Assert.Equal(0, (await _harness.Ports.AuditLog.QueryAsync(new AuditQuery { Kind = "consultation.chat-read" })).Total);

        dialogs.Find("textarea").Input("Report about payment outside the app");
        dialogs.Find("[data-testid=chat-read-submit]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal(2, dialogs.FindAll("[data-testid=chat-read-message]").Count));
        var messages = dialogs.FindAll("[data-testid=chat-read-message]");
        Assert.Contains("Hello <script>x</script>", messages[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(messages[0].QuerySelectorAll("script"));
        Assert.Contains("reported", messages[1].TextContent, StringComparison.Ordinal);
        var audited = Assert.Single((await _harness.Ports.AuditLog.QueryAsync(new AuditQuery { Kind = "consultation.chat-read" })).Items);
        Assert.Equal("admin-7", audited.Actor);
        Assert.Equal(user, audited.AccountId);
        Assert.EndsWith("reason: Report about payment outside the app", audited.Detail, StringComparison.Ordinal);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _harness.Dispose();
        }
    }
}
