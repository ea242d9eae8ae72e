<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>At least %n characters</numerusform>
            <numerusform>At least %n characters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> day(s)</source>
        <translation>
            <numerusform> day</numerusform>
            <numerusform> days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Frozen {start} – {until} (%n day(s)).
New end date: {end} (was {was}).</source>
        <translation>
            <numerusform>Frozen {start} – {until} (%n day).
New end date: {end} (was {was}).</numerusform>
            <numerusform>Frozen {start} – {until} (%n days).
New end date: {end} (was {was}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Frozen since {start}, planned until {until}.
Unfreezing today gives back %n unused day(s): the subscription then ends on {end}.</source>
        <translation>
            <numerusform>Frozen since {start}, planned until {until}.
Unfreezing today gives back %n unused day: the subscription then ends on {end}.</numerusform>
            <numerusform>Frozen since {start}, planned until {until}.
Unfreezing today gives back %n unused days: the subscription then ends on {end}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A manager approves (another person&apos;s check-in, or more than %n minute(s) ago)</source>
        <translation>
            <numerusform>A manager approves (another person&apos;s check-in, or more than %n minute ago)</numerusform>
            <numerusform>A manager approves (another person&apos;s check-in, or more than %n minutes ago)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> session(s)</source>
        <translation>
            <numerusform> session</numerusform>
            <numerusform> sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> month(s)</source>
        <translation>
            <numerusform> month</numerusform>
            <numerusform> months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n check-in(s)</source>
        <translation>
            <numerusform>%n check-in</numerusform>
            <numerusform>%n check-ins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) exported to {path}.</source>
        <translation>
            <numerusform>%n visit exported to {path}.</numerusform>
            <numerusform>%n visits exported to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n+ found</source>
        <translation>
            <numerusform>%n+ found</numerusform>
            <numerusform>%n+ found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n members match “{text}”: pick one with ↑↓ and Enter, or click.</source>
        <translation>
            <numerusform>%n member matches “{text}”: pick it with ↑↓ and Enter, or click.</numerusform>
            <numerusform>%n members match “{text}”: pick one with ↑↓ and Enter, or click.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This desk&apos;s clock is %n minute(s) off the chain&apos;s server: the pass was checked against the server&apos;s time. Set the computer&apos;s clock.</source>
        <translation>
            <numerusform>This desk&apos;s clock is %n minute off the chain&apos;s server: the pass was checked against the server&apos;s time. Set the computer&apos;s clock.</numerusform>
            <numerusform>This desk&apos;s clock is %n minutes off the chain&apos;s server: the pass was checked against the server&apos;s time. Set the computer&apos;s clock.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Busiest hour: {hour} (%n check-in(s))</source>
        <translation>
            <numerusform>Busiest hour: {hour} (%n check-in)</numerusform>
            <numerusform>Busiest hour: {hour} (%n check-ins)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sale(s)</source>
        <translation>
            <numerusform>%n sale</numerusform>
            <numerusform>%n sales</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reversal(s)</source>
        <translation>
            <numerusform>%n reversal</numerusform>
            <numerusform>%n reversals</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n denied scan(s)</source>
        <translation>
            <numerusform>%n denied scan</numerusform>
            <numerusform>%n denied scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n override(s)</source>
        <translation>
            <numerusform>%n override</numerusform>
            <numerusform>%n overrides</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coin(s) left</source>
        <translation>
            <numerusform>%n coin left</numerusform>
            <numerusform>%n coins left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) left</source>
        <translation>
            <numerusform>%n month left</numerusform>
            <numerusform>%n months left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s) left</source>
        <translation>
            <numerusform>%n session left</numerusform>
            <numerusform>%n sessions left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>coin(s) left</source>
        <translation>
            <numerusform>coin left</numerusform>
            <numerusform>coins left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>session(s) left</source>
        <translation>
            <numerusform>session left</numerusform>
            <numerusform>sessions left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n coin(s)</source>
        <translation>
            <numerusform>%n coin</numerusform>
            <numerusform>%n coins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n session</numerusform>
            <numerusform>%n sessions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ends in %n day(s) ({day})</source>
        <translation>
            <numerusform>Ends in %n day ({day})</numerusform>
            <numerusform>Ends in %n days ({day})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many attempts; try again in %n second(s).</source>
        <translation>
            <numerusform>Too many attempts; try again in %n second.</numerusform>
            <numerusform>Too many attempts; try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>More than %n minute(s) have passed; ask a manager to reverse it.</source>
        <translation>
            <numerusform>More than %n minute has passed; ask a manager to reverse it.</numerusform>
            <numerusform>More than %n minutes have passed; ask a manager to reverse it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>synced %n s ago</source>
        <translation>
            <numerusform>synced %n s ago</numerusform>
            <numerusform>synced %n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>synced %n min ago</source>
        <translation>
            <numerusform>synced %n min ago</numerusform>
            <numerusform>synced %n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>synced %n h ago</source>
        <translation>
            <numerusform>synced %n h ago</numerusform>
            <numerusform>synced %n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member number(s) left on this desk</source>
        <translation>
            <numerusform>%n member number left on this desk</numerusform>
            <numerusform>%n member numbers left on this desk</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) exported to {path}.</source>
        <translation>
            <numerusform>%n attempt exported to {path}.</numerusform>
            <numerusform>%n attempts exported to {path}.</numerusform>
        </translation>
    </message>
</context>
</TS>
