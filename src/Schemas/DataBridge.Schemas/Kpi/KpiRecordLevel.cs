namespace DataBridge.Schemas.Kpi;

/// <summary>Symbols of the <c>KpiAssetLevel</c> enum in kpi-record.avsc, in schema order.</summary>
public enum KpiRecordLevel
{
    /// <summary>enterprise</summary>
    Enterprise = 0,
    /// <summary>site</summary>
    Site = 1,
    /// <summary>area</summary>
    Area = 2,
    /// <summary>line</summary>
    Line = 3,
    /// <summary>cell</summary>
    Cell = 4,
}
