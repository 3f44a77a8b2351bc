namespace DataBridge.Diode.Packing;

/// <summary>Receives what a <see cref="RecordUnpacker"/> finds in payloads.</summary>
public interface IRecordSink
{
    /// <summary>A complete record (whole, or reassembled from fragments); the view is valid only during the call.</summary>
    void OnRecord(in PackedRecord record);

    /// <summary>A fragmented record whose fragments did not all arrive; its sequence number is missing downstream.</summary>
    void OnRecordLost(in LostRecord lost);
}
