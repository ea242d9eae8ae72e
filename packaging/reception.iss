; Inno Setup script for the Windows installer of Reception.
; Build the bundle first (packaging\reception-windows.spec -> dist\reception\), then:
;   iscc /DAppVersion=0.1.0 packaging\reception.iss      -> dist\Reception-0.1.0-setup.exe
; The database, backups, settings and logs live in the user's profile (%LOCALAPPDATA%\Reception) and are
; never touched by an upgrade or an uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Reception"
#define AppExe "Reception.exe"
#define CliExe "reception-cli.exe"
#define SystemEnvironment "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"

[Setup]
; The AppId identifies the app across upgrades: never change it.
AppId={{7C3B4E0A-5D1F-4C8E-9A42-2E6B1D9F0C57}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Reception
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install without admin rights by default; an admin may choose "all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=Reception-{#AppVersion}-setup
SetupIconFile=..\resources\icons\app\reception.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An open Reception holds its files: ask to close it rather than leave a half-replaced folder.
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "cliPath"; Description: "Add reception-cli to PATH (for support staff and scripts)"; Flags: unchecked

[InstallDelete]
; A new version replaces the whole bundle: stale libraries from an older one must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\reception\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#CliExe}"" --self-test"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; PATH lives in a different key per install mode: the user's own (per-user install) or the machine's
; (all users, administrator). HKA would be HKLM\Environment for all users, which Windows never reads.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: cliPath; Check: AddPathForThisUser
Root: HKLM; Subkey: "{#SystemEnvironment}"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
  Tasks: cliPath; Check: AddPathForAllUsers

[Run]
; A quick self-test proves the bundle works on this PC before the desk depends on it.
Filename: "{app}\{#CliExe}"; Parameters: "--self-test"; StatusMsg: "Checking the installation..."; Flags: runhidden waituntilterminated
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function PathLacks(RootKey: Integer; SubKey, Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(RootKey, SubKey, 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

function AddPathForThisUser: Boolean;
begin
  Result := (not IsAdminInstallMode) and PathLacks(HKEY_CURRENT_USER, 'Environment', ExpandConstant('{app}'));
end;

function AddPathForAllUsers: Boolean;
begin
  Result := IsAdminInstallMode and PathLacks(HKEY_LOCAL_MACHINE, '{#SystemEnvironment}', ExpandConstant('{app}'));
end;
