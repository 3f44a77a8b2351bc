using DataBridge.Diode.Packing;

namespace DataBridge.Diode.Receiving;

/// <summary>
/// Where the receiver puts what crossed the diode: records (verified, repaired, in order per source, each
/// (source, sequence) once) and gaps. Calls come from the receiver's single processing thread; the durable outbox and
/// Kafka production sit behind this interface.
/// </summary>
public interface IDiodeReceiverOutput
{
    /// <summary>A record; the view is only valid during the call.</summary>
    void OnRecord(in PackedRecord record);

    /// <summary>A range of one source's sequence numbers that is lost beyond what FEC could repair.</summary>
    void OnGap(in DiodeGap gap);
}
