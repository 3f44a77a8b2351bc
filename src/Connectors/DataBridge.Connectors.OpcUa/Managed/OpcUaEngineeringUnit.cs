namespace DataBridge.Connectors.OpcUa.Managed;

/// <summary>An EngineeringUnits property (Part 8 §5.6.3) in plain terms.</summary>
/// <param name="UneceCode">The UNECE Recommendation 20 code (e.g. <c>CEL</c>) when the UnitId is a UNECE unit; else null.</param>
/// <param name="DisplayName">The unit's symbol as the server shows it (e.g. <c>°C</c>); null when empty.</param>
/// <param name="Description">The unit's description (e.g. <c>degree Celsius</c>); null when empty.</param>
public sealed record OpcUaEngineeringUnit(string? UneceCode, string? DisplayName, string? Description);
