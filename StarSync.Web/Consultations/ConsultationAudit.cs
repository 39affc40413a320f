using System.Globalization;
using System.Text.Json;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;

namespace StarSync.Web.Consultations;

/// <summary>
/// Writes every consultation state change and every refund to the audit log, under the paying user's account id, so
/// an admin can reconstruct a consultation's history (kinds <c>consultation.requested</c>, <c>.accepted</c>,
/// <c>.declined</c>, <c>.cancelled</c>, <c>.expired</c>, <c>.ended</c>, <c>.refunded</c>).
/// </summary>
/// <remarks>
/// Called after the change is stored: a failing audit write is logged as an error and does not undo or fail the change
/// (the money has already moved and the parties must see the truth).
/// </remarks>
public sealed class ConsultationAudit(IAuditLog audit, ILogger<ConsultationAudit> logger)
{
    /// <summary>The actor written for changes the platform makes itself (billing loop, timeouts, admin side effects).</summary>
    public const string SystemActor = "system";

    /// <summary>Records that <paramref name="c"/> reached its current state, done by <paramref name="actor"/>.</summary>
    public Task StateChangedAsync(Consultation c, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        var kind = c.State == ConsultationState.Active ? "accepted" : Kebab(c.State.ToString());
        var detail = c.State switch
        {
            ConsultationState.Requested => Invariant($"{c.Id}: requested from astrologer {c.AstrologerId} at {c.RatePerMinute} {c.Currency}/min"),
            ConsultationState.Active => Invariant($"{c.Id}: accepted by astrologer {c.AstrologerId} at {c.RatePerMinute} {c.Currency}/min, commission {c.CommissionBasisPoints} bp, {c.PromotionalMinutes} free minute(s)"),
            ConsultationState.Ended => Invariant($"{c.Id}: ended ({Kebab(c.EndReason?.ToString())}) by {Kebab(c.EndedBy?.ToString())}; {c.BilledMinutes} minute(s), charged {c.Charged}, refunded {c.Refunded} {c.Currency}; astrologer {c.AstrologerId}"),
            _ => Invariant($"{c.Id}: {kind} by {Kebab(c.EndedBy?.ToString())}; nothing charged; astrologer {c.AstrologerId}"),
        };
        return AppendAsync("consultation." + kind, actor, c, detail, cancellationToken);
    }

    /// <summary>Records the first-minute refund of <paramref name="c"/> (as stored after it).</summary>
    public Task RefundedAsync(Consultation c, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        return AppendAsync("consultation.refunded", SystemActor, c,
            Invariant($"{c.Id}: first minute refunded, {c.Refunded} {c.Currency} back to the wallet (key {ConsultationPostings.RefundKey(c.Id, 1)}); astrologer {c.AstrologerId}"), cancellationToken);
    }

    /// <summary>The account id of <paramref name="party"/> in <paramref name="c"/>, or <see cref="SystemActor"/>.</summary>
    public static string ActorOf(Consultation c, ConsultationParty party)
    {
        ArgumentNullException.ThrowIfNull(c);
        return party switch
        {
            ConsultationParty.User => c.UserId,
            ConsultationParty.Astrologer => c.AstrologerId,
            _ => SystemActor,
        };
    }

    private async Task AppendAsync(string kind, string actor, Consultation c, string detail, CancellationToken cancellationToken)
    {
        try
        {
            await audit.AppendAsync(new NewAuditEntry(kind, actor, c.UserId, detail), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not audit {Kind} of consultation {Id}.", kind, c.Id);
        }
    }

    private static string Kebab(string? name) => name is null ? "none" : JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
