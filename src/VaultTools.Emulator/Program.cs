// VaultTools local Azure Key Vault emulator. Command line and contract: docs/emulator.md.
// Everything is assembled in Hosting/EmulatorHost.cs; routes are registered in Hosting/RouteRegistry.cs.
return await VaultTools.Emulator.Hosting.EmulatorHost.RunAsync(args);
