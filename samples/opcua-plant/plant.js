// The plant the OPC UA simulator serves: a few continuous ovens, each with a state machine, part counters, a
// temperature that follows the state with a lag (plus noise and a slow drift), and a conveyor speed.
// Pure model, no OPC UA: server.js publishes what tick() computes. Deterministic for a seed.
"use strict";

// The same state codes as the Modbus presses of the demo, so one KPI mapping reads both protocols.
const State = Object.freeze({ Stopped: 0, Running: 1, Idle: 2, Down: 3, PlannedStop: 4 });
// Downtime reasons (0 while running): the demo KPI model names them for the Pareto.
const Reason = Object.freeze({ None: 0, Breakdown: 1, Starved: 2, Blocked: 3, Changeover: 4, PlannedBreak: 5 });

const AMBIENT = 22.0;

// mulberry32: a small seeded generator, so a demo run can be replayed.
function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

class Oven {
    constructor(number, rnd) {
        this.number = number;
        this.name = `Oven ${number}`;
        this.rnd = rnd;
        // Oven 1 bakes hotter and faster; the ideal cycle time is what demo-kpi.yaml calls idealCycleTime.
        this.setpoint = number === 1 ? 220.0 : 185.0;
        this.idealCycleSeconds = number === 1 ? 3.0 : 4.0;
        this.nominalSpeed = number === 1 ? 6.0 : 4.5; // conveyor, metres per minute
        this.goodRatio = number === 1 ? 0.97 : 0.95;
        this.state = State.Running;
        this.reason = Reason.None;
        // The first stop comes early, so a short demo shows a transition; later ones are minutes apart.
        this.remaining = 20 + rnd() * 40;
        this.performance = 0.9;
        this.progress = 0;
        this.partsTotal = 0;
        this.partsGood = 0;
        this.drift = 0;
        // Warming up after a shift start: the first minute shows the temperature climbing to the setpoint.
        this.temperature = this.setpoint - 15;
        this.speed = this.nominalSpeed * this.performance;
    }

    get running() {
        return this.state === State.Running;
    }

    advance(dt) {
        this.remaining -= dt;
        if (this.remaining <= 0) {
            this.next();
        }

        if (this.running) {
            this.performance = clamp(this.performance + (this.rnd() - 0.5) * 0.02, 0.75, 1.0);
            this.progress += (dt / this.idealCycleSeconds) * this.performance;
            while (this.progress >= 1) {
                this.progress -= 1;
                this.partsTotal = (this.partsTotal + 1) >>> 0;
                if (this.rnd() < this.goodRatio) {
                    this.partsGood = (this.partsGood + 1) >>> 0;
                }
            }
        }

        // Conveyor: ramps to nominal × performance while running, stops otherwise (one-second time constant).
        const targetSpeed = this.running ? this.nominalSpeed * this.performance : 0;
        this.speed += (targetSpeed - this.speed) * (1 - Math.exp(-dt / 1.0));
        if (Math.abs(this.speed) < 0.005) {
            this.speed = 0;
        }

        // Temperature: a first-order lag towards the state's target, a slow random-walk drift of a few degrees
        // (burner wear, door openings) and measurement noise.
        this.drift = clamp(this.drift + (this.rnd() - 0.5) * 0.05 * dt, -4, 4);
        const target = this.running ? this.setpoint : this.state === State.Idle ? this.setpoint - 15 : AMBIENT + 20;
        const tau = this.running || this.state === State.Idle ? 30 : 180;
        this.temperature += (target + this.drift - this.temperature) * (1 - Math.exp(-dt / tau));
        this.measured = this.temperature + (this.rnd() - 0.5) * 0.4;
    }

    next() {
        if (!this.running) {
            this.state = State.Running;
            this.reason = Reason.None;
            this.remaining = 60 + this.rnd() * 240;
            return;
        }

        const roll = this.rnd();
        if (roll < 0.3) {
            [this.state, this.reason, this.remaining] = [State.Down, Reason.Breakdown, 15 + this.rnd() * 90];
        } else if (roll < 0.65) {
            [this.state, this.reason, this.remaining] = [State.Idle, this.rnd() < 0.5 ? Reason.Starved : Reason.Blocked, 5 + this.rnd() * 40];
        } else if (roll < 0.8) {
            [this.state, this.reason, this.remaining] = [State.PlannedStop, this.rnd() < 0.5 ? Reason.Changeover : Reason.PlannedBreak, 45 + this.rnd() * 90];
        } else {
            this.remaining = 60 + this.rnd() * 240;
        }
    }
}

function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
}

class Plant {
    constructor(ovens, seed) {
        const rnd = random(seed);
        this.ovens = [];
        for (let i = 1; i <= ovens; i++) {
            this.ovens.push(new Oven(i, rnd));
        }
        this.uptime = 0;
        this.tick(0);
    }

    tick(dt) {
        this.uptime += dt;
        for (const oven of this.ovens) {
            oven.advance(dt);
        }
    }
}

module.exports = { Plant, State, Reason };
