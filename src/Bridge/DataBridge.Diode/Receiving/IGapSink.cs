namespace DataBridge.Diode.Receiving;

/// <summary>Where the source ledger reports loss.</summary>
internal interface IGapSink
{
    void OnGap(in DiodeGap gap);
}
