using StarSync.Engine.Consultations;

namespace StarSync.Engine.Storage;

/// <summary>What both adapters do identically when writing a consultation.</summary>
internal static class ConsultationDocuments
{
    public static Consultation New(NewConsultation request, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.AstrologerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.RatePerMinute);
        if (request.UserId == request.AstrologerId)
        {
            throw new ArgumentException("A consultation has two different parties.", nameof(request));
        }

        return new Consultation
        {
            // Version 7: time-ordered, so id order is request order.
            Id = Guid.CreateVersion7(clock.GetUtcNow()).ToString("N"),
            Version = 1,
            UserId = request.UserId,
            AstrologerId = request.AstrologerId,
            BirthProfileId = request.BirthProfileId,
            State = ConsultationState.Requested,
            RequestedAt = StoredTime.Now(clock),
            RatePerMinute = request.RatePerMinute,
        };
    }

    /// <summary>The consultation with every instant truncated to what the stores keep (milliseconds, UTC).</summary>
    public static Consultation Stored(Consultation c) => c with
    {
        RequestedAt = Trim(c.RequestedAt),
        AcceptedAt = Trim(c.AcceptedAt),
        EndedAt = Trim(c.EndedAt),
        AstrologerFirstMessageAt = Trim(c.AstrologerFirstMessageAt),
        LastBilledAt = Trim(c.LastBilledAt),
        NextMinuteDueAt = Trim(c.NextMinuteDueAt),
        PausedAt = Trim(c.PausedAt),
    };

    private static DateTimeOffset Trim(DateTimeOffset at) => StoredTime.Read(StoredTime.From(at));

    private static DateTimeOffset? Trim(DateTimeOffset? at) => at is { } value ? Trim(value) : null;
}
