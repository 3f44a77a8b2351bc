namespace DataBridge.Bridge.Outbox;

/// <summary>One record read back from the outbox by an <see cref="OutboxReader"/>.</summary>
/// <param name="Kind">What the payload is.</param>
/// <param name="SourceId">The source the sequence number belongs to (empty for an unattributed corruption gap).</param>
/// <param name="Sequence">The per-source sequence number (for a gap: its first missing sequence, or -1).</param>
/// <param name="Payload">The opaque payload (for <see cref="RecordKind.Gap"/>: a <see cref="GapInfo"/>).</param>
/// <param name="Position">Logical position of the record.</param>
/// <param name="NextPosition">Position after the record: commit this with <see cref="Outbox.CommitReadPositionAsync"/> once delivered.</param>
/// <param name="IsSynthetic">True for a gap the reader made up because the log bytes at <paramref name="Position"/> were unreadable.</param>
public sealed record OutboxRecord(
    RecordKind Kind,
    string SourceId,
    long Sequence,
    ReadOnlyMemory<byte> Payload,
    long Position,
    long NextPosition,
    bool IsSynthetic = false)
{
    /// <summary>
    /// The key stored with the record (UTF-8; for values and metadata the Kafka key, i.e. the tag id). Empty for gaps,
    /// for synthetic records and for records an older bridge wrote before frames stored keys.
    /// </summary>
    public ReadOnlyMemory<byte> Key { get; init; }

    /// <summary>Decodes the gap payload; throws when this is not a gap record.</summary>
    public GapInfo Gap => Kind == RecordKind.Gap && GapInfo.TryRead(Payload.Span, out var gap)
        ? gap
        : throw new InvalidOperationException($"Record at position {Position} is a {Kind} record, not a readable gap.");
}
