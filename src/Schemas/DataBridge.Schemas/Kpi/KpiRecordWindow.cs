namespace DataBridge.Schemas.Kpi;

/// <summary>Symbols of the <c>KpiWindow</c> enum in kpi-record.avsc, in schema order.</summary>
public enum KpiRecordWindow
{
    /// <summary>From the start of the current (or last) shift.</summary>
    Shift = 0,
    /// <summary>The rolling window ending at the computation time.</summary>
    Rolling = 1,
}
