using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Wallet;

namespace StarSync.Web.Admin;

/// <summary>One user as the admin's detail view shows them.</summary>
/// <param name="Consultations">Consultations the account took part in (as user or astrologer), newest first, with the astrologer's name.</param>
public sealed record UserDetail(Account Account, LedgerBalance Wallet, Page<LedgerEntry> Transactions, Page<TopUp> TopUps, Page<AuditEntry> Activity, IReadOnlyList<ConsultationLine> Consultations);

/// <summary>One consultation in a person's history (money in paise).</summary>
public sealed record ConsultationLine(string Id, string AstrologerId, string AstrologerName, Engine.Consultations.ConsultationState State, DateTimeOffset RequestedAt, int BilledMinutes, long Charged, long Refunded, string Currency);

/// <summary>Helping users: search, their wallet and history, block and unblock, reset links, refunds and adjustments.</summary>
public sealed class UserAdmin(
    IAccountStore accounts,
    IRefreshTokenStore refreshTokens,
    IAuditLog audit,
    WalletService wallets,
    IConsultationStore consultations,
    IAstrologerProfileStore profiles,
    Accounts.AccountService accountService)
{
    public Task<Page<Account>> SearchAsync(AccountQuery query, CancellationToken cancellationToken = default) => accounts.ListAsync(query, cancellationToken);

    public async Task<UserDetail?> DetailAsync(string id, int transactionsSkip = 0, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        if (account is null)
        {
            return null;
        }

        return new UserDetail(
            account,
            await wallets.GetBalanceAsync(id, cancellationToken),
            await wallets.GetTransactionsAsync(id, transactionsSkip, 20, cancellationToken),
            await wallets.GetTopUpsAsync(id, 0, 10, cancellationToken),
            await audit.QueryAsync(new AuditQuery { AccountId = id, Take = 20 }, cancellationToken),
            await ConsultationsAsync(account, cancellationToken));
    }

    private async Task<IReadOnlyList<ConsultationLine>> ConsultationsAsync(Account account, CancellationToken cancellationToken)
    {
        var query = account.Role == AccountRole.Astrologer ? new ConsultationQuery { AstrologerId = account.Id, Take = 20 } : new ConsultationQuery { UserId = account.Id, Take = 20 };
        var page = await consultations.QueryAsync(query, cancellationToken);
        var lines = new List<ConsultationLine>(page.Items.Count);
        foreach (var c in page.Items)
        {
            // A deleted astrologer's profile keeps the anonymised name, so history reads whole.
            var name = (await profiles.FindAsync(c.AstrologerId, cancellationToken))?.Details.DisplayName ?? Engine.Astrologers.AstrologerProfile.AnonymisedName(c.AstrologerId);
            lines.Add(new ConsultationLine(c.Id, c.AstrologerId, name, c.State, c.RequestedAt, c.BilledMinutes, c.Charged, c.Refunded, c.Currency));
        }

        return [.. lines.OrderByDescending(l => l.RequestedAt)];
    }

    /// <summary>Blocks (signed out at once with reason "blocked", cannot sign in) or unblocks. Admin accounts are not blocked here.</summary>
    public async Task<AdminOutcome<Account>> SetBlockedAsync(string id, bool blocked, string actor, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        if (account is null || account.Status == AccountStatus.Deleted)
        {
            return AdminOutcome.NotFound<Account>();
        }

        if (account.Role == AccountRole.Admin)
        {
            return AdminOutcome.Invalid<Account>("id", "Admin accounts cannot be blocked here.");
        }

        if (!blocked && account.Status != AccountStatus.Blocked)
        {
            return AdminOutcome.Invalid<Account>("id", "This account is not blocked.");
        }

        await accounts.SetStatusAsync(id, blocked ? AccountStatus.Blocked : AccountStatus.Active, cancellationToken);
        if (blocked)
        {
            await refreshTokens.RevokeAccountAsync(id, cancellationToken);
        }

        await audit.AppendAsync(new NewAuditEntry(blocked ? "account.blocked" : "account.unblocked", actor, id,
            blocked ? "by an admin; sessions ended" : "by an admin"), cancellationToken);
        return AdminOutcome.Found<Account>((await accounts.FindByIdAsync(id, cancellationToken))!);
    }

    /// <summary>A single-use password reset link (emailed too when SMTP is configured).</summary>
    public async Task<string?> IssueResetLinkAsync(string id, string actor, string baseUrl, CancellationToken cancellationToken = default)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        return account is null || account.Status == AccountStatus.Deleted ? null : await accountService.IssuePasswordResetAsync(account, baseUrl, actor, cancellationToken);
    }

    /// <summary>A refund (credit) or adjustment through the wallet's idempotent admin adjustment path.</summary>
    public Task<AdjustmentResult> AdjustAsync(string id, long amount, string reason, string clientKey, string actor, CancellationToken cancellationToken = default) =>
        wallets.AdjustAsync(actor, id, amount, reason, clientKey, cancellationToken);
}
