namespace DataBridge.Kpi.Model;

/// <summary>The ISA-95 equipment hierarchy level of an asset path (enterprise/site/area/line/cell).</summary>
public enum AssetLevel
{
    /// <summary>The whole company: the first path segment.</summary>
    Enterprise = 1,
    /// <summary>A plant: two path segments.</summary>
    Site = 2,
    /// <summary>A production area: three path segments.</summary>
    Area = 3,
    /// <summary>A production line: four path segments.</summary>
    Line = 4,
    /// <summary>A work cell or machine of a line: five path segments.</summary>
    Cell = 5,
}
