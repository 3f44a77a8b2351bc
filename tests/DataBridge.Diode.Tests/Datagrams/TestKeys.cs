using DataBridge.Diode.Datagrams;

namespace DataBridge.Diode.Tests.Datagrams;

internal static class TestKeys
{
    public static readonly DatagramAuthenticator A = new(DiodeKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
    public static readonly DatagramAuthenticator B = new(DiodeKey.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
}
