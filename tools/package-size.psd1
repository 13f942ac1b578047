# The package's recorded size and platform folders. Package.Tests.ps1 fails when the package grows by more than 10%
# over these sizes or gains a platform folder. Update on purpose only: dotnet pwsh ./tools/Package.ps1 -StagePath out/VaultTools -OutPath out -RecordSize
@{
    NupkgBytes = 13294644
    ZipBytes   = 5158457
    Platforms  = @('linux-arm', 'linux-arm64', 'linux-musl-x64', 'linux-x64', 'osx-arm64', 'osx-x64', 'win-arm64', 'win-x64', 'win-x86')
}
