namespace DataBridge.Kpi.Model;

/// <summary>One occurrence of a shift, in UTC.</summary>
/// <param name="Name">Shift name.</param>
/// <param name="StartUtc">Start (UTC).</param>
/// <param name="EndUtc">End (UTC).</param>
public readonly record struct ShiftInstance(string Name, DateTime StartUtc, DateTime EndUtc);
