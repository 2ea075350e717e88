#!/usr/bin/env node
import '../dist-bin/yishi.js';
